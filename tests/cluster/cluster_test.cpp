// Three kpress nodes on one PostgreSQL behind HAProxy, as `make cluster` starts them
// (scripts/cluster-up): what an editor does on one node shows on the others within a second,
// a vote anywhere counts everywhere, sessions, throttling and conflicting saves hold across
// nodes, and the balancer serves the site.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <date/date.h>
#include <vips/vips8>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <atomic>
#include <thread>
#include <tuple>

#include "support/admin_browser.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace kpress {
namespace {

using namespace std::chrono_literals;
using testing::AdminBrowser;
using testing::eventually;
using testing::http_get;
using testing::http_request;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The revision an article's editor page was read at (the form's hidden field).
std::string revision_in(const std::string& page) {
  std::smatch found;
  if (!std::regex_search(page, found, std::regex(R"re(name="revision" value="(\d+)")re"))) return "";
  return found[1];
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  auto text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

bool port_free(std::uint16_t port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool free = bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(s);
  return free;
}

// count + 1 ports in a row that nothing listens on: the balancer's and the nodes'.
std::uint16_t free_port_range(int count) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    auto base = static_cast<std::uint16_t>(20000 + (std::rand() % 20000));
    bool all_free = true;
    for (int i = 0; i <= count && all_free; ++i) all_free = port_free(static_cast<std::uint16_t>(base + i));
    if (all_free) return base;
  }
  throw std::runtime_error("no free ports");
}

// The cluster, started once for the suite and stopped after it (SIGTERM: the script stops all).
class Cluster : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::srand(static_cast<unsigned>(getpid()));
    state = new testing::TempDir;
    std::string source = source_dir();
    std::string binary = std::getenv("KPRESS_BINARY");
    balancer = free_port_range(3);
    std::vector<std::string> env_text{"PORT=" + std::to_string(balancer), "NODES=3", "STATE=" + state->path().string(),
                                      "KPRESS=" + binary};
    for (char** e = environ; *e; ++e) env_text.emplace_back(*e);
    std::vector<char*> env;
    for (auto& e : env_text) env.push_back(e.data());
    env.push_back(nullptr);
    std::string script = source + "/scripts/cluster-up";
    char* argv[] = {script.data(), nullptr};
    ASSERT_EQ(posix_spawn(&cluster, script.c_str(), nullptr, nullptr, argv, env.data()), 0);
    ASSERT_TRUE(eventually([] { return std::filesystem::exists(state->path() / "ready"); }, 120s)) << "the cluster did not start";
    for (int n = 1; n <= 3; ++n) nodes.push_back(static_cast<std::uint16_t>(std::stoi(read_text(state->path() / ("node" + std::to_string(n))))));
    database = read_text(state->path() / "database");
    add_account("editor@example.org", "editor");
    add_account("second@example.org", "editor");
  }

  static void TearDownTestSuite() {
    if (restarted > 0) {  // a node a test started again: not the script's to stop
      kill(restarted, SIGTERM);
      waitpid(restarted, nullptr, 0);
    }
    if (cluster > 0) {  // never 0: that would signal this whole process group
      kill(cluster, SIGTERM);
      int status = 0;
      waitpid(cluster, &status, 0);
    }
    delete state;
  }

  static void add_account(const std::string& email, const std::string& role) {
    testing::TempDir data;
    std::string command = "printf '%s\\n' '" + std::string(testing::kTestPassword) + "' | '" + std::getenv("KPRESS_BINARY") +
                          "' user add --data '" + data.path().string() + "' --database '" + database + "' --email " + email +
                          " --role " + role + " >/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }

  static std::string source_dir() { return std::getenv("KPRESS_SOURCE_DIR"); }

  static AdminBrowser signed_in(std::uint16_t port, const std::string& email = "editor@example.org") {
    AdminBrowser b(port);
    auto res = b.sign_in(email);
    EXPECT_EQ(res.status, 303u) << res.body;
    return b;
  }

  // A new article, published through `port`: its admin address.
  static std::string publish(AdminBrowser& b, const std::string& slug, const std::string& title) {
    b.get("/admin/articles/new");
    auto created = b.post("/admin/articles", {{"title", title}, {"slug", slug}, {"body", "Texte de " + title + "."}});
    EXPECT_EQ(created.status, 303u) << created.body;
    std::string editor = created.header("location");
    auto res = b.post(editor, {{"revision", revision_in(b.get(editor).body)}, {"title", title}, {"slug", slug}, {"body", "Texte de " + title + "."},
                               {"action", "publish"}});
    EXPECT_EQ(res.status, 303u) << res.body;
    return editor;
  }

  // One value from the database, as psql prints it.
  static std::string sql(const std::string& query) {
    std::string command = "psql '" + database + "' -tAqc \"" + query + "\"";
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
      char buffer[256];
      while (fgets(buffer, sizeof buffer, p)) out += buffer;
      pclose(p);
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  static bool page_has(std::uint16_t port, const std::string& target, const std::string& part) {
    auto res = http_get(port, target);
    return res.status == 200 && has(res.body, part);
  }

  static inline pid_t cluster = 0, restarted = 0;
  static inline testing::TempDir* state = nullptr;
  static inline std::uint16_t balancer = 0;
  static inline std::vector<std::uint16_t> nodes;
  static inline std::string database;
};

TEST_F(Cluster, TheBalancerServesTheSiteAndEveryNodeIsHealthy) {
  auto home = http_get(balancer, "/");
  EXPECT_EQ(home.status, 200u);
  // The base URL every node was given, not the address each listens on.
  EXPECT_TRUE(has(home.body, "href=\"http://127.0.0.1:" + std::to_string(balancer) + "/\"")) << home.body.substr(0, 2000);
  for (auto port : nodes) {
    auto health = http_get(port, "/healthz");
    EXPECT_EQ(health.status, 200u) << health.body;
    auto body = boost::json::parse(health.body).as_object();
    EXPECT_EQ(body.at("database"), "reachable");
    EXPECT_EQ(body.at("changes_behind"), 0);
  }
}

TEST_F(Cluster, AnArticlePublishedOnOneNodeShowsOnTheOthersWithinASecond) {
  // The other nodes' pages are cached first: what shows the article must be dropped there.
  for (auto port : {nodes[1], nodes[2]}) {
    for (const char* target : {"/", "/feed.xml", "/articles/zorblax-en-tournee"}) {
      http_get(port, target);
      http_get(port, target);
    }
  }
  auto b = signed_in(nodes[0]);
  auto editor = publish(b, "zorblax-en-tournee", "Les Zorblaxiens en tournée");
  for (auto port : {nodes[1], nodes[2]}) {
    EXPECT_TRUE(eventually([&] { return page_has(port, "/", "Les Zorblaxiens en tournée"); }, 1s)) << port;
    EXPECT_TRUE(page_has(port, "/articles/zorblax-en-tournee", "Texte de Les Zorblaxiens en tournée."));
    EXPECT_TRUE(eventually([&] { return page_has(port, "/feed.xml", "zorblax-en-tournee"); }, 1s));
    EXPECT_TRUE(eventually([&] { return page_has(port, "/api/v1/search?q=Zorblaxiens", "zorblax-en-tournee"); }, 1s));
  }
  // Unpublished on A: gone from B and C.
  auto res = b.post(editor, {{"revision", revision_in(b.get(editor).body)}, {"title", "Les Zorblaxiens en tournée"}, {"slug", "zorblax-en-tournee"},
                             {"body", "Texte de Les Zorblaxiens en tournée."}, {"action", "unpublish"}});
  EXPECT_EQ(res.status, 303u) << res.body;
  for (auto port : {nodes[1], nodes[2]}) {
    EXPECT_TRUE(eventually([&] { return http_get(port, "/articles/zorblax-en-tournee").status == 410u; }, 1s)) << port;
    EXPECT_FALSE(page_has(port, "/", "Les Zorblaxiens en tournée"));
  }
}

// A catalog edit on A: a new person, then a new name, on B's and C's (cached) pages within 1 s.
TEST_F(Cluster, ACatalogEditOnOneNodeShowsOnTheOthersWithinASecond) {
  auto a = signed_in(nodes[0]);
  a.get("/admin/catalog/people/new");
  auto added = a.post("/admin/catalog/people/new", {{"entry", R"({"people": [{"slug": "go-youn-jung", "name": "Go Youn-jung"}]})"}});
  ASSERT_EQ(added.status, 303u) << added.body;
  for (auto port : {nodes[1], nodes[2]}) {
    EXPECT_TRUE(eventually([&] { return page_has(port, "/people/go-youn-jung", "Go Youn-jung"); }, 1s)) << port;
    http_get(port, "/people/go-youn-jung");  // kept from now on
  }
  a.get("/admin/catalog/people/go-youn-jung");
  auto renamed = a.post("/admin/catalog/people/go-youn-jung",
                        {{"entry", R"({"people": [{"slug": "go-youn-jung", "name": "Go Yoon-jung", "hangul_name": "고윤정"}]})"}});
  ASSERT_EQ(renamed.status, 303u) << renamed.body;
  for (auto port : {nodes[1], nodes[2]})
    EXPECT_TRUE(eventually([&] { return page_has(port, "/people/go-youn-jung", "고윤정"); }, 1s)) << port;
}

// An image uploaded through A: its record is in the database and the sizes A made are in the
// shared media folder, so C lists it and serves them.
TEST_F(Cluster, AnImageUploadedThroughOneNodeIsServedByTheOthers) {
  VIPS_INIT("kpress-test");
  vips::VImage img = vips::VImage::black(800, 450, vips::VImage::option()->set("bands", 3)) + std::vector<double>{30, 30, 200};
  void* data = nullptr;
  size_t size = 0;
  img.cast(VIPS_FORMAT_UCHAR).write_to_buffer(".png", &data, &size);
  std::string png(static_cast<const char*>(data), size);
  g_free(data);
  const std::string boundary = "----kpressClusterBoundary";
  auto a = signed_in(nodes[0]);
  a.get("/admin/media");
  std::string body;
  for (const auto& [name, filename, value] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"file", "affiche.png", png}, {"alt", "", "Une affiche bleue"}, {"credit", "", "kpress"}, {"csrf", "", a.csrf()}}) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!filename.empty()) body += "; filename=\"" + filename + "\"\r\nContent-Type: image/png";
    body += "\r\n\r\n" + value + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  auto uploaded = a.post_body("/admin/media", "multipart/form-data; boundary=" + boundary, body);
  ASSERT_EQ(uploaded.status, 303u) << uploaded.body;
  auto c = signed_in(nodes[2]);
  auto library = c.get("/admin/media");
  ASSERT_TRUE(has(library.body, "Une affiche bleue"));
  std::smatch found;
  ASSERT_TRUE(std::regex_search(library.body, found, std::regex(R"re(/media/library/\d+/[0-9x]+\.(jpg|webp|avif|png))re")))
      << library.body.substr(0, 3000);
  auto file = http_get(nodes[2], found[0]);
  EXPECT_EQ(file.status, 200u) << found[0];
  EXPECT_FALSE(file.body.empty());
}

TEST_F(Cluster, AVoteOnOneNodeCountsOnEveryNodeWithinASecond) {
  auto article = boost::json::parse(http_get(nodes[0], "/api/v1/articles?limit=1").body).at("items").at(0);
  std::string url = "/api/v1/articles/" + std::to_string(article.at("id").as_int64()) + "/reactions";
  auto count = [&](std::uint16_t port) {
    auto body = boost::json::parse(http_get(port, url).body);
    return body.at("counts").at("cant_wait").as_int64();
  };
  auto before = count(nodes[1]);
  EXPECT_EQ(count(nodes[2]), before);  // both nodes have read the counts
  auto res = http_request(nodes[0], http::Verb::post, url, R"({"reaction":"cant_wait"})", {{"Content-Type", "application/json"}});
  ASSERT_EQ(res.status, 200u) << res.body;
  for (auto port : {nodes[1], nodes[2]}) EXPECT_TRUE(eventually([&] { return count(port) == before + 1; }, 1s)) << port;
}

// A comment sent to one node waits; approved on another, it shows on every node's (cached)
// article page within a second.
TEST_F(Cluster, ACommentApprovedOnOneNodeShowsOnTheOthersWithinASecond) {
  auto article = boost::json::parse(http_get(nodes[0], "/api/v1/articles?limit=1").body).at("items").at(0);
  std::string path = "/articles/" + std::string(article.at("slug").as_string());
  for (auto port : nodes) {
    http_get(port, path);
    http_get(port, path);
  }
  auto sent = http_request(nodes[1], http::Verb::post, "/api/v1/articles/" + std::to_string(article.at("id").as_int64()) + "/comments",
                           R"({"author":"Lectrice de Busan","body":"Un commentaire venu du nœud B"})",
                           {{"Content-Type", "application/json"}});
  ASSERT_EQ(sent.status, 201u) << sent.body;
  auto id = boost::json::parse(sent.body).at("id").as_int64();
  for (auto port : nodes) EXPECT_FALSE(page_has(port, path, "venu du nœud B")) << port;  // it waits
  auto moderator = signed_in(nodes[0]);
  moderator.get("/admin/comments");
  auto approved = moderator.post("/admin/comments", {{"id", std::to_string(id)}, {"action", "approve"}});
  EXPECT_EQ(approved.status, 303u) << approved.body;
  for (auto port : nodes) {
    EXPECT_TRUE(eventually([&] { return page_has(port, path, "venu du nœud B"); }, 1s)) << port;
  }
}

TEST_F(Cluster, ASessionOpenedOnOneNodeServesOnAnotherAndEndsEverywhere) {
  auto on_a = signed_in(nodes[0], "second@example.org");
  // The same browser on node C: the session and its CSRF tokens hold there (one signing key).
  AdminBrowser on_c = signed_in(nodes[2], "second@example.org");
  EXPECT_EQ(on_c.get("/admin/articles").status, 200u);
  on_a.get("/admin/articles");
  auto out = on_a.post("/admin/logout-everywhere", {});
  EXPECT_EQ(out.status, 303u) << out.body;
  auto after = on_c.get("/admin/articles");
  EXPECT_NE(after.status, 200u);
  EXPECT_TRUE(has(after.header("location"), "/admin/login")) << after.status;
}

TEST_F(Cluster, FailedSignInsOnEveryNodeAddUp) {
  add_account("throttled@example.org", "editor");
  int failures = 0;
  for (int i = 0; i < 5; ++i) {
    AdminBrowser b(nodes[static_cast<std::size_t>(i) % 3]);
    failures += b.sign_in("throttled@example.org", "wrong password " + std::to_string(i)).status == 401u;
  }
  EXPECT_EQ(failures, 5);
  for (auto port : nodes) EXPECT_EQ(AdminBrowser(port).sign_in("throttled@example.org").status, 429u) << port;
}

TEST_F(Cluster, TwoEditorsSavingOneArticleOnTwoNodesGetOneSaveAndOneConflict) {
  auto a = signed_in(nodes[0]);
  auto editor = publish(a, "deux-redacteurs", "Deux rédacteurs");
  auto c = signed_in(nodes[2], "second@example.org");
  std::string based_on = revision_in(a.get(editor).body);
  EXPECT_EQ(revision_in(c.get(editor).body), based_on);
  auto fields = [&](const std::string& title) {
    return std::vector<std::pair<std::string, std::string>>{
        {"revision", based_on}, {"title", title}, {"slug", "deux-redacteurs"}, {"body", "Texte."}, {"action", "save"}};
  };
  auto first = a.post(editor, fields("Premier titre"));
  auto second = c.post(editor, fields("Second titre"));
  EXPECT_EQ(first.status, 303u) << first.body;
  EXPECT_EQ(second.status, 409u);
  EXPECT_TRUE(has(second.body, "<ins>+ Premier titre</ins>")) << "the other editor's change is shown";
  EXPECT_TRUE(has(second.body, "value=\"Second titre\"")) << "and this one's kept in the form";
}

// An article scheduled a few seconds ahead by another process goes live on every node at its
// time, with no request needed to make it so, and is turned published by one node only.
TEST_F(Cluster, AScheduledArticleGoesLiveOnEveryNodeOnTimeOnce) {
  auto when = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + 4s;
  testing::TempDir files;
  std::filesystem::create_directories(files.path() / "news");
  std::ofstream(files.path() / "news" / "a.md") << "+++\ntitle = \"Annonce des Quorbaliens\"\nslug = \"annonce-quorbaliens\"\n"
                                                   "language = \"fr\"\nstatus = \"scheduled\"\npublished_at = "
                                                << date::format("%FT%TZ", when) << "\n+++\n\nBientôt.\n";
  testing::TempDir data;
  std::string command = "'" + std::string(std::getenv("KPRESS_BINARY")) + "' import --data '" + data.path().string() +
                        "' --database '" + database + "' '" + (files.path() / "news").string() + "' >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  for (auto port : nodes) {
    EXPECT_EQ(http_get(port, "/articles/annonce-quorbaliens").status, 404u);
    http_get(port, "/");  // kept, without it
    EXPECT_FALSE(page_has(port, "/", "Annonce des Quorbaliens"));
  }
  std::string id = sql("SELECT id FROM articles WHERE slug = 'annonce-quorbaliens'");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(sql("SELECT status FROM articles WHERE id = " + id), "scheduled");
  // Everything it takes happens by itself: these requests only look.
  ASSERT_TRUE(eventually([&] { return sql("SELECT status FROM articles WHERE id = " + id) == "published"; }, 10s));
  EXPECT_GE(std::chrono::system_clock::now(), when);
  for (auto port : nodes) {
    EXPECT_TRUE(page_has(port, "/", "Annonce des Quorbaliens")) << port;
    EXPECT_EQ(http_get(port, "/articles/annonce-quorbaliens").status, 200u) << port;
  }
  EXPECT_EQ(sql("SELECT count(*) FROM audit_log WHERE action = 'article.live' AND target = 'article:" + id + "'"), "1");
}

// Faults under a load of reads, votes and saves: every node's change-log listener connection
// killed, the database restarted at once (pg_ctl restart -m immediate), node C killed with
// SIGKILL and started again. No acknowledged vote or save is lost; once the database is back,
// a change shows on every node within 2 s; nodes A and B were never restarted.
TEST_F(Cluster, FaultsUnderLoadLoseNoAcknowledgedWriteAndLeaveNoStalePage) {
  auto read_pid = [](int n) { return static_cast<pid_t>(std::stoi(read_text(state->path() / ("node" + std::to_string(n) + ".pid")))); };
  pid_t pid_a = read_pid(1), pid_b = read_pid(2), pid_c = read_pid(3);
  auto editor_browser = signed_in(nodes[0]);
  std::string editor = publish(editor_browser, "sous-la-charge", "Sous la charge");
  std::string id = sql("SELECT id FROM articles WHERE slug = 'sous-la-charge'");
  int revision_before = std::stoi(sql("SELECT revision FROM articles WHERE id = " + id));
  std::string votes_url = "/api/v1/articles/" + id + "/reactions";

  std::atomic<bool> stop{false};
  std::atomic<int> votes_acknowledged{0}, saves_acknowledged{0}, reads{0};
  std::vector<std::thread> load;
  for (int voter = 0; voter < 2; ++voter) {
    load.emplace_back([&, voter] {
      for (int i = 0; !stop; ++i) {
        try {  // a new reader each time (no cookie): one row each
          auto res = http_request(nodes[static_cast<std::size_t>(voter + i) % 3], http::Verb::post, votes_url,
                                  R"({"reaction":"support"})", {{"Content-Type", "application/json"}});
          if (res.status == 200) ++votes_acknowledged;
        } catch (const std::exception&) {  // node C is down for a moment
        }
      }
    });
  }
  load.emplace_back([&] {
    for (int i = 0; !stop; ++i) {
      try {
        auto form = editor_browser.get(editor);
        auto res = editor_browser.post(editor, {{"revision", revision_in(form.body)}, {"title", "Sous la charge"}, {"slug", "sous-la-charge"},
                                                {"body", "Version " + std::to_string(i) + "."}, {"action", "save"}});
        if (res.status == 303) ++saves_acknowledged;
      } catch (const std::exception&) {
      }
    }
  });
  load.emplace_back([&] {
    for (int i = 0; !stop; ++i) {
      try {
        http_get(nodes[static_cast<std::size_t>(i) % 3], i % 2 ? "/" : "/articles/sous-la-charge");
        ++reads;
      } catch (const std::exception&) {
      }
    }
  });
  auto progress = [&](std::atomic<int>& counter) {
    int at = counter;
    return eventually([&] { return counter > at; }, 30s);
  };
  ASSERT_TRUE(progress(votes_acknowledged));

  sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'");
  EXPECT_TRUE(progress(votes_acknowledged)) << "votes go on after the listeners were cut";
  std::string restart = source_dir() + "/scripts/test-postgres restart '" + read_text(state->path() / "postgres") + "'";
  ASSERT_EQ(std::system(restart.c_str()), 0);
  EXPECT_TRUE(progress(votes_acknowledged)) << "and after the database restarted";
  EXPECT_TRUE(progress(saves_acknowledged));

  kill(pid_c, SIGKILL);
  waitpid(pid_c, nullptr, WNOHANG);
  std::string config = read_text(state->path() / "node3.config");
  std::string binary = std::getenv("KPRESS_BINARY");
  std::string log = (state->path() / "node3-restarted.log").string();
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&files, 1, 2);
  std::string serve = "serve", config_flag = "--config";
  char* argv[] = {binary.data(), serve.data(), config_flag.data(), config.data(), nullptr};
  ASSERT_EQ(posix_spawn(&restarted, binary.c_str(), &files, nullptr, argv, environ), 0);
  posix_spawn_file_actions_destroy(&files);
  ASSERT_TRUE(eventually([&] {
    try {
      return http_get(nodes[2], "/healthz").status == 200u;
    } catch (const std::exception&) {
      return false;
    }
  }, 60s)) << "node C, started again, joins by itself";
  EXPECT_TRUE(progress(votes_acknowledged));
  EXPECT_TRUE(progress(saves_acknowledged));
  stop = true;
  for (auto& t : load) t.join();

  // Nothing acknowledged is lost.
  auto stored_votes = std::stoi(sql("SELECT count(*) FROM reactions WHERE article_id = " + id));
  EXPECT_GE(stored_votes, votes_acknowledged.load());
  auto revision_after = std::stoi(sql("SELECT revision FROM articles WHERE id = " + id));
  EXPECT_GE(revision_after - revision_before, saves_acknowledged.load());
  EXPECT_GT(reads.load(), 0);
  // A change now shows on every node within 2 s, the one started again included.
  auto again = signed_in(nodes[1]);
  publish(again, "apres-les-pannes", "Après les pannes");
  for (auto port : nodes) EXPECT_TRUE(eventually([&] { return page_has(port, "/", "Après les pannes"); }, 2s)) << port;
  // The saved text every node shows is the last acknowledged one.
  auto last = sql("SELECT body FROM articles WHERE id = " + id);
  for (auto port : nodes)
    EXPECT_TRUE(eventually([&] { return page_has(port, "/articles/sous-la-charge", last); }, 2s)) << port << " " << last;
  // A and B were never restarted.
  EXPECT_EQ(kill(pid_a, 0), 0);
  EXPECT_EQ(kill(pid_b, 0), 0);
}

}  // namespace
}  // namespace kpress
