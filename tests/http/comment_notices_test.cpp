// E-mail notices of comments, received by a real SMTP server: Debian's aiosmtpd, started by the
// test on a loopback port, writing what it receives into a Maildir that the test reads with
// GMime. Moderators hear of a comment waiting; a commenter who asked hears of a reply shown;
// every message carries a link (and List-Unsubscribe) that stops all e-mail to that address.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <gmime/gmime.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include "admin/accounts.hpp"
#include "support/admin_browser.hpp"
#include "support/eventually.hpp"
#include "support/temp_dir.hpp"
#include "support/test_site.hpp"

extern char** environ;

namespace kpress {
namespace {

namespace fs = std::filesystem;
using testing::eventually;
using testing::http_get;
using testing::http_request;
using testing::kTestPassword;

constexpr const char* kSlug = "le-lightstick-bien-plus-qu-un-accessoire-de-concert";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::uint16_t free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(s);
  return ntohs(address.sin_port);
}

bool accepts(std::uint16_t port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(s);
  return ok;
}

// One message as a mail program reads it: headers decoded, the text part's text.
struct Received {
  std::string to, subject, text, list_unsubscribe, one_click;
};

Received read_message(const fs::path& file) {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::string raw = bytes.str();
  auto unref = [](auto* object) { g_object_unref(object); };
  std::unique_ptr<GMimeStream, decltype(unref)> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()), unref);
  std::unique_ptr<GMimeParser, decltype(unref)> parser(g_mime_parser_new_with_stream(stream.get()), unref);
  std::unique_ptr<GMimeMessage, decltype(unref)> message(g_mime_parser_construct_message(parser.get(), nullptr), unref);
  Received r;
  if (!message) return r;
  std::unique_ptr<char, decltype(&g_free)> to(
      internet_address_list_to_string(g_mime_message_get_to(message.get()), nullptr, FALSE), g_free);
  r.to = to ? to.get() : "";
  if (const char* subject = g_mime_message_get_subject(message.get())) r.subject = subject;
  auto* body = g_mime_message_get_body(message.get());
  if (body && GMIME_IS_TEXT_PART(body)) {
    std::unique_ptr<char, decltype(&g_free)> text(g_mime_text_part_get_text(GMIME_TEXT_PART(body)), g_free);
    r.text = text ? text.get() : "";
  }
  auto* object = GMIME_OBJECT(message.get());
  if (const char* v = g_mime_object_get_header(object, "List-Unsubscribe")) r.list_unsubscribe = v;
  if (const char* v = g_mime_object_get_header(object, "List-Unsubscribe-Post")) r.one_click = v;
  return r;
}

// aiosmtpd on a loopback port, delivering into a Maildir; stopped with the test.
class SmtpSink {
 public:
  SmtpSink() : port_(free_port()) {
    std::string listen = "127.0.0.1:" + std::to_string(port_);
    std::string maildir = (dir_.path() / "mail").string();
    const char* argv[] = {"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(),
                          "-c", "aiosmtpd.handlers.Mailbox", maildir.c_str(), nullptr};
    spawned_ = posix_spawn(&pid_, argv[0], nullptr, nullptr, const_cast<char**>(argv), environ) == 0;
    EXPECT_TRUE(spawned_) << "python3 could not be started (scripts/install-deps installs python3-aiosmtpd)";
    EXPECT_TRUE(eventually([&] { return accepts(port_); }))
        << "aiosmtpd did not listen on " << listen << " (is python3-aiosmtpd installed? scripts/install-deps)";
  }
  ~SmtpSink() {
    if (!spawned_) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  std::vector<Received> messages() const {
    std::vector<Received> out;
    auto fresh = dir_.path() / "mail" / "new";
    if (!fs::exists(fresh)) return out;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fresh)) files.push_back(entry.path());
    // Python's Maildir names a message "<seconds>.M<microseconds>P<pid>Q<count>.<host>", the
    // microseconds unpadded: the name does not sort in delivery order; the count does.
    auto delivery = [](const fs::path& f) {
      auto name = f.filename().string();
      auto q = name.find('Q');
      return q == std::string::npos ? 0L : std::strtol(name.c_str() + q + 1, nullptr, 10);
    };
    std::sort(files.begin(), files.end(), [&](const auto& a, const auto& b) { return delivery(a) < delivery(b); });
    for (const auto& f : files) out.push_back(read_message(f));
    return out;
  }
  std::vector<Received> messages_to(const std::string& address) const {
    std::vector<Received> out;
    for (auto& m : messages())
      if (has(m.to, address)) out.push_back(std::move(m));
    return out;
  }

 private:
  testing::TempDir dir_;
  std::uint16_t port_;
  pid_t pid_ = 0;
  bool spawned_ = false;
};

class Notices : public ::testing::Test {
 protected:
  Notices() {
    for (auto [email, role, language] : {std::tuple{"editor@example.org", "editor", ""}, {"owner@example.org", "owner", "en"},
                                         {"contributor@example.org", "contributor", ""}}) {
      auto result = create_account(site->store(), {email, role, role, kTestPassword, ""}, {std::nullopt, "cli", ""},
                                   system_now());
      EXPECT_TRUE(result.user) << result.error.english();
      if (!result.user) continue;
      User user = *result.user;
      user.language = language;  // the newsroom speaks English to the owner
      auto tx = site->store().begin_write();
      tx->save_user(user);
      tx->commit();
    }
    article_id = site->store().article_by_slug(kSlug)->id;
  }

  struct Posted {
    std::int64_t id = 0;
    std::string status, cookie;
  };
  Posted post(boost::json::object fields, const std::string& cookie = {}) {
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (!cookie.empty()) headers["Cookie"] = cookie;
    auto res = http_request(site->port(), http::Verb::post, "/api/v1/articles/" + std::to_string(article_id) + "/comments",
                            boost::json::serialize(fields), headers);
    EXPECT_EQ(res.status, 201u) << res.body;
    if (res.status != 201u) return {};
    auto answer = boost::json::parse(res.body);
    auto set = res.header("set-cookie");
    return {answer.at("id").as_int64(), std::string(answer.at("status").as_string()),
            cookie.empty() ? set.substr(0, set.find(';')) : cookie};
  }
  testing::AdminBrowser signed_in(const std::string& email) {
    testing::AdminBrowser b(site->port());
    EXPECT_EQ(b.sign_in(email).status, 303u);
    return b;
  }
  // Every message the site had queued is sent when it stops: what the sink holds then is all.
  void stop_site() { site.reset(); }

  SmtpSink sink;
  std::optional<testing::TestSite> site{std::in_place, testing::TestSiteOptions{
      .comments = {.per_address_per_minute = 0},
      .smtp = {.url = sink.url(), .from = "K-Actu <noreply@k-actu.example>"}}};
  std::int64_t article_id = 0;
};

// The unsubscribe path of a message's List-Unsubscribe header (<http://host/path?query>).
std::string path_of(const std::string& list_unsubscribe) {
  auto start = list_unsubscribe.find('/', list_unsubscribe.find("://") + 3);
  return list_unsubscribe.substr(start, list_unsubscribe.rfind('>') - start);
}

TEST_F(Notices, ModeratorsHearOfACommentWaitingEachInTheirLanguageAndCanStopIt) {
  auto waiting = post({{"author", "Minji"}, {"body", "Le lightstick de BTS est *magnifique*"}});
  ASSERT_EQ(waiting.status, "pending");
  ASSERT_TRUE(eventually([&] { return sink.messages_to("editor@example.org").size() == 1 &&
                                      sink.messages_to("owner@example.org").size() == 1; }))
      << sink.messages().size() << " messages";
  auto editor = sink.messages_to("editor@example.org").front();
  EXPECT_TRUE(has(editor.subject, "[K-Actu] Un commentaire attend la modération")) << editor.subject;
  EXPECT_TRUE(has(editor.text, "Minji a commenté")) << editor.text;
  EXPECT_TRUE(has(editor.text, "Le lightstick de BTS est magnifique")) << "the comment as plain text";
  EXPECT_TRUE(has(editor.text, "/admin/comments/" + std::to_string(waiting.id)));
  EXPECT_TRUE(has(editor.list_unsubscribe, "/notices/unsubscribe?key=")) << editor.list_unsubscribe;
  EXPECT_EQ(editor.one_click, "List-Unsubscribe=One-Click");
  EXPECT_TRUE(has(editor.text, path_of(editor.list_unsubscribe))) << "the link is in the text too";
  auto owner = sink.messages_to("owner@example.org").front();
  EXPECT_TRUE(has(owner.subject, "A comment awaits moderation")) << "in the owner's language: " << owner.subject;

  // The link asks first (mail scanners open links); a forged one is refused; the button stops it.
  auto unsubscribe = path_of(editor.list_unsubscribe);
  auto page = http_get(site->port(), unsubscribe);
  EXPECT_EQ(page.status, 200u);
  EXPECT_TRUE(has(page.body, "Ne plus recevoir d’e-mail")) << page.body;
  auto forged = unsubscribe.substr(0, unsubscribe.size() - 1) + (unsubscribe.back() == '0' ? "1" : "0");
  EXPECT_EQ(http_request(site->port(), http::Verb::post, forged, "List-Unsubscribe=One-Click",
                         {{"Content-Type", "application/x-www-form-urlencoded"}}).status,
            404u);
  EXPECT_EQ(http_get(site->port(), "/notices/unsubscribe?key=abc").status, 404u);
  // A mail program's one-click POST, from no page of the site.
  auto done = http_request(site->port(), http::Verb::post, unsubscribe, "List-Unsubscribe=One-Click",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(done.status, 200u);
  EXPECT_TRUE(has(done.body, "ce site ne vous enverra plus d’e-mail")) << done.body;

  post({{"author", "Jin"}, {"body", "Un autre avis, en attente"}});
  stop_site();
  EXPECT_EQ(sink.messages_to("editor@example.org").size(), 1u) << "unsubscribed: nothing more";
  EXPECT_EQ(sink.messages_to("owner@example.org").size(), 2u);
  EXPECT_TRUE(sink.messages_to("contributor@example.org").empty()) << "contributors do not moderate";
}

TEST_F(Notices, ACommenterWhoAskedHearsOfEachReplyShownAndOfNothingElse) {
  auto asked = post({{"author", "Minji"}, {"body", "Qui a un lightstick version 4 ?"}, {"email", "minji@example.org"},
                     {"notify", true}});
  auto editor = signed_in("editor@example.org");
  editor.get("/admin/comments/" + std::to_string(asked.id));
  // The newsroom answers (which approves the question): she hears of it.
  auto answered = editor.post("/admin/comments/" + std::to_string(asked.id) + "/reply", {{"reply", "Nous, à la rédaction !"}});
  ASSERT_EQ(answered.status, 303u) << answered.body;
  ASSERT_TRUE(eventually([&] { return sink.messages_to("minji@example.org").size() == 1; }));
  auto reply = sink.messages_to("minji@example.org").front();
  EXPECT_TRUE(has(reply.subject, "a répondu à votre commentaire")) << "in the article's language: " << reply.subject;
  EXPECT_TRUE(has(reply.text, "Nous, à la rédaction !"));
  EXPECT_TRUE(has(reply.text, std::string("/articles/") + kSlug + "#comment-"));
  EXPECT_TRUE(has(reply.list_unsubscribe, "/notices/unsubscribe?key="));

  // A reader's reply waits: nothing until a moderator approves it. Her own answer: nothing.
  auto other = post({{"author", "Jin"}, {"body", "Moi aussi !"}, {"parent", asked.id}});
  ASSERT_EQ(other.status, "pending");
  auto own = post({{"author", "Minji"}, {"body", "Merci à tous"}, {"parent", asked.id}}, asked.cookie);
  ASSERT_EQ(own.status, "approved") << "her question was approved: she is known";
  editor.get("/admin/comments");
  ASSERT_EQ(editor.post("/admin/comments", {{"id", std::to_string(other.id)}, {"action", "approve"}}).status, 303u);
  ASSERT_TRUE(eventually([&] { return sink.messages_to("minji@example.org").size() == 2; }));
  EXPECT_TRUE(has(sink.messages_to("minji@example.org").back().text, "Moi aussi !"));

  // She stops them: her address is forgotten, and the next reply tells nobody.
  auto done = http_request(site->port(), http::Verb::post, path_of(reply.list_unsubscribe), "",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(done.status, 200u);
  auto kept = site->store().comment(asked.id);
  EXPECT_EQ(kept->email, "");
  EXPECT_FALSE(kept->notify_replies);
  editor.post("/admin/comments/" + std::to_string(asked.id) + "/reply", {{"reply", "Encore une réponse"}});
  stop_site();
  EXPECT_EQ(sink.messages_to("minji@example.org").size(), 2u);
  EXPECT_TRUE(sink.messages_to("jin").empty());
}

TEST(NoticesOff, WithoutAnSmtpServerNothingIsSentAndTheNewsroomSaysSo) {
  testing::TestSite site;
  auto result = create_account(site.store(), {"editor@example.org", "editor", "editor", kTestPassword, ""},
                               {std::nullopt, "cli", ""}, system_now());
  ASSERT_TRUE(result.user);
  testing::AdminBrowser editor(site.port());
  ASSERT_EQ(editor.sign_in("editor@example.org").status, 303u);
  auto page = editor.get("/admin/comments");
  EXPECT_TRUE(has(page.body, "Les notifications par e-mail sont désactivées")) << page.body;
}

TEST_F(Notices, TheNewsroomNamesTheServerNoticesGoThrough) {
  auto editor = signed_in("editor@example.org");
  EXPECT_TRUE(has(editor.get("/admin/comments").body, sink.url()));
}

}  // namespace
}  // namespace kpress
