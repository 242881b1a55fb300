#include "cli/commands.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <boost/json/serialize.hpp>

#include <iostream>

#include "admin/accounts.hpp"
#include "cli/free_memory.hpp"
#include "cli/site_services.hpp"
#include "cli/site_setup.hpp"
#include "core/numbers.hpp"
#include "site/comment_keys.hpp"
#include "http/server.hpp"
#include "store/postgres/connection.hpp"
#include "store/sql/site_copy.hpp"
#include "store/sql/sql_store.hpp"
#include "exchange/catalog_import.hpp"
#include "exchange/entity_links.hpp"
#include "exchange/exporter.hpp"
#include "exchange/importer.hpp"
#include "exchange/wxr_census.hpp"
#include "exchange/wxr_import.hpp"
#include "search/xapian/xapian_index.hpp"

namespace kpress {

namespace {

std::shared_ptr<spdlog::logger> make_access_log(const std::string& target) {
  if (target == "off") return nullptr;
  std::shared_ptr<spdlog::logger> log =
      target == "-" ? spdlog::stdout_logger_mt("access") : spdlog::basic_logger_mt("access", target);
  log->set_pattern("%v");  // each line is the JSON object the server wrote
  log->flush_on(spdlog::level::info);
  return log;
}

// On a terminal: ##########.......... what 1200/3000
void progress_bar(std::string_view what, std::size_t done, std::size_t total) {
  constexpr int width = 30;
  int filled = total ? static_cast<int>(width * done / total) : width;
  std::cerr << "\r" << std::string(static_cast<std::size_t>(filled), '#') << std::string(static_cast<std::size_t>(width - filled), '.')
            << " " << what << " " << done << "/" << total << "   " << (done == total ? "\n" : "") << std::flush;
}

}  // namespace

int run_serve(const ServeConfig& config) {
  keep_freed_memory_while_busy();
  http::ServerConfig server_config = config.server;
  server_config.when_idle = give_back_free_memory;
  apply_listen(config.listen, server_config);  // a bad address fails before anything is created
  SiteServices services({.data = DataDir{config.data, config.database_url, config.statement_timeout, config.media_dir},
                         .demo = config.demo,
                         .base_url = config.base_url,
                         .theme = config.theme,
                         .cache_bytes = config.cache_mb * 1024 * 1024,
                         .feeds_full_content = config.feeds_full_content,
                         .reactions = {.per_address_per_minute = config.reactions_per_minute},
                         .comments = {.per_address_per_minute = config.comments_per_minute,
                                      .per_article_per_minute = config.comments_per_article_per_minute},
                         .smtp = config.smtp});
  server_config.access_log = make_access_log(config.access_log);
  auto server = services.make_server(server_config);
  server->start();
  // A new site's address is where it listens (the port the system picked, if it did), until
  // told otherwise.
  bool v6 = server_config.host.find(':') != std::string::npos;
  services.new_site_listens_at("http://" + (v6 ? "[" + server_config.host + "]" : server_config.host) + ":" +
                               std::to_string(server->port()));
  std::string where = config.database_url.empty() ? config.data.string()
                                                  : config.data.string() + " and " + postgres::redacted(config.database_url);
  spdlog::info("kpress serving {} on http://{}:{}/", where, server_config.host, server->port());
  // What starting freed on this thread goes back before it settles to wait (a new build drops
  // the bodies an older one kept, in a write transaction whose page cache grows to 32 MB): left
  // to the allocator, it stayed resident for the life of the process.
  give_back_free_memory();
  // Memory this thread allocated while starting and another thread frees later goes back to
  // this thread's heap, which only this thread collects. On the bench's site, a start that
  // applied migration 0026 kept 38 MiB more resident than one without it; collected every few
  // seconds, 12 MiB more (what the rest is, not found yet).
  server->run_until_signal(give_back_free_memory);
  spdlog::info("stopped");
  return 0;
}

int run_migrate(const DataDir& dir, bool status_only) {
  std::error_code ec;
  if (dir.database_url.empty() && !std::filesystem::is_directory(dir.root, ec)) {
    if (status_only) throw std::runtime_error("no site in " + dir.root.string() + ": the folder does not exist");
    std::filesystem::create_directories(dir.root, ec);
    if (ec) throw std::runtime_error("cannot create " + dir.root.string() + ": " + ec.message());
  }
  auto store = open_store(dir, true);
  if (!status_only) {
    int applied = store->migrate(system_now());
    std::cout << "applied " << applied << " migration(s)\n";
  }
  for (const auto& m : store->migration_status()) {
    std::cout << (m.applied_at ? "applied  " : "pending  ") << m.version << "  " << m.name;
    if (m.applied_at) std::cout << "  " << format_iso8601(*m.applied_at);
    std::cout << "\n";
  }
  return 0;
}

int run_import(const DataDir& data, const std::filesystem::path& path) {
  std::vector<ImportError> errors;
  auto files = read_import_path(path, errors);
  if (errors.empty()) {
    auto store = open_site(data, true, false);
    auto report = import_files(*store, files, system_now());
    if (report.ok()) {
      std::cout << "imported " << files.size() << " file(s): " << report.created << " article(s) created, "
                << report.updated << " updated, " << report.unchanged << " unchanged\n";
      return 0;
    }
    errors = std::move(report.errors);
  }
  for (const auto& e : errors) std::cerr << "error: " << e.to_string() << "\n";
  std::cerr << "nothing was imported (" << errors.size() << " error(s))\n";
  return 1;
}

namespace {

// "+09:00", "-05:30", "0": minutes east of UTC.
std::optional<std::chrono::minutes> parse_utc_offset(std::string_view text) {
  if (text == "0" || text == "Z") return std::chrono::minutes(0);
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  auto hours = parse_whole_number(text.substr(1, 2)), mins = parse_whole_number(text.substr(4, 2));
  if (!hours || !mins || *hours > 14 || *mins > 59) return std::nullopt;
  std::chrono::minutes offset(*hours * 60 + *mins);
  return text[0] == '-' ? -offset : offset;
}

void print_import_report(const WxrImportReport& report) {
  std::cout << (report.dry_run ? "would import (dry run, nothing written):\n" : "imported:\n");
  for (const auto& [kind, c] : report.results) {
    std::int64_t skipped = 0;
    for (const auto& [why, n] : c.skipped) skipped += n;
    std::cout << "  " << kind << ": " << c.imported << " new, " << c.updated << " updated, " << c.unchanged
              << " unchanged, " << skipped << " skipped\n";
    for (const auto& [why, n] : c.skipped) std::cout << "      " << n << " skipped: " << why << "\n";
  }
  if (!report.file.kept_as_text.empty()) {
    std::cout << "kept as text (no Markdown form; see --json for the posts):\n";
    for (const auto& [kind, posts] : report.file.kept_as_text) std::cout << "  " << kind << ": " << posts.size() << "\n";
  }
  for (const auto& n : report.notes) std::cout << "note: " << n << "\n";
  for (const auto& m : report.missing_attachments) std::cout << "missing attachment: " << m << "\n";
}

}  // namespace

int run_wxr_import(const DataDir& data, const std::filesystem::path& path, const WxrImportCommand& command) {
  WxrImportOptions options;
  options.dry_run = command.dry_run;
  if (!command.utc_offset.empty()) {
    options.utc_offset = parse_utc_offset(command.utc_offset);
    if (!options.utc_offset) {
      std::cerr << "error: --utc-offset '" << command.utc_offset << "' is not an offset such as +09:00 or -05:00\n";
      return 2;
    }
  }
  try {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      std::cerr << "error: " << path.string() << " is not a file\nnothing was imported\n";
      return 1;
    }
    if (!command.uploads.empty() && !std::filesystem::is_directory(command.uploads, ec)) {
      std::cerr << "error: --uploads " << command.uploads.string() << " is not a folder\nnothing was imported\n";
      return 1;
    }
    options.uploads = command.uploads;
    options.fetch_attachments = command.fetch;
    auto store = open_site(data, true, false);
    options.media = MediaFolders{data.media(), data.media_originals()};
    CommentKeys keys(site_secret(*store, data));
    options.email_key = [&keys](std::string_view email) { return keys.key_of("email", email); };
    bool bar = isatty(STDERR_FILENO) != 0;
    int shown = -1;
    options.progress = [&](std::int64_t done, std::int64_t total) {
      if (!bar || total == 0) return;
      int percent = static_cast<int>(done * 100 / total);
      if (percent == shown) return;
      shown = percent;
      std::string filled(static_cast<std::size_t>(percent / 4), '#');
      std::cerr << "\r[" << filled << std::string(25 - filled.size(), ' ') << "] " << percent << "% " << done << "/"
                << total << " items" << std::flush;
    };
    auto report = import_wxr(*store, path, options, system_now());
    if (bar && shown >= 0) std::cerr << "\n";
    if (command.json) std::cout << boost::json::serialize(to_json(report)) << "\n";
    else print_import_report(report);
    return 0;
  } catch (const WxrError& e) {
    std::cerr << "\nerror: " << e.what() << "\nnothing was imported\n";
    return 1;
  } catch (const StoreError& e) {
    std::cerr << "\nerror: " << e.what() << "\nnothing was imported\n";
    return 1;
  }
}

int run_user_add(const DataDir& data, const std::string& email, const std::string& role,
                 const std::string& name, const std::string& author) {
  auto store = open_site(data, true, false);
  if (isatty(STDIN_FILENO)) std::cerr << "password for " << email << ": ";
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto result = create_account(*store, {email, name, role, password, author}, {std::nullopt, "cli", ""}, system_now());
  if (!result.user) {
    std::cerr << "error: " << result.field << ": " << result.error.english() << "\nno account was created\n";
    return 1;
  }
  std::cout << "added " << result.user->email << " (" << to_string(result.user->role) << "), account "
            << result.user->id << "\n";
  return 0;
}

int run_user_list(const DataDir& data) {
  auto store = open_site(data, false, false);
  for (const auto& u : store->users()) {
    std::cout << u.id << "\t" << u.email << "\t" << to_string(u.role) << (u.disabled ? "\tdisabled" : "") << "\n";
  }
  return 0;
}

int run_reindex(const DataDir& data) {
  keep_freed_memory_while_busy();  // Xapian frees its in-memory postings every few batches
  auto store = open_site(data, false, false);
  XapianIndex index(*store, data.search());
  auto started = std::chrono::steady_clock::now();
  ReindexProgress progress;
  if (isatty(STDERR_FILENO)) progress = [](std::size_t done, std::size_t total) { progress_bar("documents", done, total); };
  auto documents = index.rebuild(progress);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "indexed " << documents << " documents in " << static_cast<long>(seconds * 1000) << " ms ("
            << static_cast<long>(seconds > 0 ? documents / seconds : 0) << " a second)\n";
  return 0;
}

int run_copy(const DataDir& data, const std::string& to, const std::string& from, bool replace) {
  if (to.empty() == from.empty()) {
    std::cerr << "error: copy takes --to DATABASE (from the site) or --from DATABASE (into the site), one of them\n";
    return 1;
  }
  DataDir source_dir = data, target_dir = data;
  (to.empty() ? source_dir : target_dir).database_url = to.empty() ? from : to;
  if (!to.empty() && to == data.database_url) {
    std::cerr << "error: --to names the site's own database\n";
    return 1;
  }
  auto source = open_store(source_dir, false);
  auto target = open_store(target_dir, true);
  source->migrate(system_now());
  target->migrate(system_now());
  auto* from_sql = dynamic_cast<sql::SqlStore*>(source.get());
  auto* to_sql = dynamic_cast<sql::SqlStore*>(target.get());
  if (!from_sql || !to_sql) throw std::logic_error("copy needs SQL stores");
  auto reading = from_sql->connect();
  auto writing = to_sql->connect();
  auto started = std::chrono::steady_clock::now();
  auto report = sql::copy_site(*reading, *writing, replace, [](const sql::CopiedTable& t) {
    if (isatty(STDERR_FILENO)) std::cerr << "  " << t.name << ": " << t.rows << "\n";
  });
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& t : report.tables) std::cout << t.name << "\t" << t.rows << "\n";
  std::cout << "copied " << report.rows << " rows of " << report.tables.size() << " tables in "
            << static_cast<long>(seconds * 1000) << " ms (" << static_cast<long>(seconds > 0 ? report.rows / seconds : 0)
            << " rows a second); every table counted on both sides\n";
  return 0;
}

int run_catalog_import(const DataDir& data, const std::string& format_name,
                       const std::filesystem::path& path) {
  auto format = parse_catalog_format(format_name);
  if (!format) {
    std::cerr << "error: --format '" << format_name << "' is not one of tmdb, mdl, dbkpop, csv, json\n";
    return 1;
  }
  auto store = open_site(data, true, false);
  ImportProgress progress;
  if (isatty(STDERR_FILENO)) {
    progress = [](std::string_view file, std::size_t done, std::size_t total) { progress_bar(file, done, total); };
  }
  auto report = import_catalog(*store, *format, path, progress);
  if (!report.error.empty()) {
    std::cerr << "error: " << report.error << "\nnothing was imported\n";
    return 1;
  }
  for (const auto& r : report.rejected) std::cerr << "rejected: " << r.to_string() << "\n";
  std::cout << "imported " << report.imported << ", merged " << report.merged << ", rejected " << report.rejected.size()
            << "\n";
  // Articles written before these entities existed now link them too.
  std::cout << "articles about catalog entities: " << relink_articles(*store) << "\n";
  return 0;
}

int run_export(const DataDir& data, const std::filesystem::path& path) {
  auto store = open_site(data, false, false);
  auto report = export_site(*store, path);
  if (!report.error.empty()) {
    std::cerr << "error: " << report.error << "\n";
    return 1;
  }
  std::cout << "exported " << report.articles << " article(s) to " << path.string() << "\n";
  return 0;
}

}  // namespace kpress
