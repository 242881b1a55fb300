#include "cli/commands.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <malloc.h>
#include <unistd.h>

#include <iostream>

#include "admin/accounts.hpp"
#include "admin/admin_site.hpp"
#include "cli/site_setup.hpp"
#include "exchange/catalog_import.hpp"
#include "exchange/entity_links.hpp"
#include "exchange/exporter.hpp"
#include "exchange/importer.hpp"
#include "http/page_cache.hpp"
#include "render/theme.hpp"
#include "search/xapian/xapian_index.hpp"
#include "site/body_keeper.hpp"
#include "site/cache_tags.hpp"
#include "site/catalog_site.hpp"
#include "site/search_site.hpp"
#include "site/reader_site.hpp"
#include "site/poster_fetcher.hpp"
#include "site/reaction_site.hpp"
#include "site/schedule_site.hpp"
#include "site/site_context_cache.hpp"
#include "site/snapshot_handler.hpp"

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

// glibc gives freed memory back to the kernel as soon as the top of a heap is free, and serves
// blocks from 128 KiB up with their own mmap: a page render allocates and frees a few hundred KiB,
// so every render paid for page faults and TLB flushes on both cores (a quarter of an uncached
// article's time here). Freed memory is reused instead; resident memory after `make bench`'s
// uncached run stays under 30 MiB.
void keep_freed_memory() {
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
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
  keep_freed_memory();
  http::ServerConfig server_config = config.server;
  apply_listen(config.listen, server_config);  // a bad address fails before anything is created
  DataDir dir{config.data};
  auto store = open_site(dir, true, config.demo);
  std::filesystem::path theme_dir = config.theme.empty() ? dir.theme() : config.theme;
  Theme theme(theme_dir);
  http::PageCache cache(config.cache_mb * 1024 * 1024, system_now);
  PosterFetcher posters(dir.media(), [&cache](const std::string& tag) { cache.invalidate({tag}); });
  BodyKeeper bodies(*store);
  ReaderSiteOptions options{.media_dir = dir.media(),
                            .feeds_full_content = config.feeds_full_content,
                            .posters = &posters,
                            .bodies = &bodies};
  SiteContextCache contexts(*store);
  XapianIndex search_index(*store, dir.search());
  if (!search_index.current()) {
    auto started = std::chrono::steady_clock::now();
    auto documents = search_index.rebuild();
    spdlog::info("search index built: {} documents in {} ms", documents,
                 std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  }
  ReaderSite site(*store, contexts, theme, options);
  CatalogSite catalog(*store, contexts, theme, options);
  ScheduleSite schedule(*store, contexts, theme, options);
  ReaderIds readers(site_secret(dir));
  Reactions reactions(*store, system_now);
  ReactionSite reaction_routes(*store, reactions, readers,
                               {.per_address_per_minute = config.reactions_per_minute,
                                .secure_cookies = store->site().base_url.starts_with("https://")},
                               options);
  Sessions sessions(*store, site_secret(dir), {.secure_cookies = store->site().base_url.starts_with("https://")});
  AdminSite admin(*store, contexts, theme, site, sessions, {dir.media(), dir.root / "media-originals"});
  http::Router router;
  site.add_routes(router);
  admin.add_routes(router);
  catalog.add_routes(router);
  schedule.add_routes(router);
  reaction_routes.add_routes(router);
  SearchSite search(search_index, contexts, theme, options);
  search.add_routes(router);

  server_config.access_log = make_access_log(config.access_log);
  follow_changes(cache, *store);
  store->on_change([&search_index](const ChangeSet& changes) { search_index.update(changes); });
  http::Server server(server_config, cache.wrap(read_snapshot_per_page(*store, router)), cache.fast_path(),
                      [&router](const http::Request& req, http::Respond respond) { router.dispatch_async(req, std::move(respond)); },
                      [&router](const http::Request& req) { return router.answers_later(req); });
  server.start();
  spdlog::info("kpress serving {} on http://{}:{}/", dir.root.string(), server_config.host, server.port());
  server.run_until_signal();
  spdlog::info("stopped");
  return 0;
}

int run_migrate(const std::filesystem::path& data, bool status_only) {
  DataDir dir{data};
  std::error_code ec;
  if (!std::filesystem::is_directory(dir.root, ec)) {
    if (status_only) throw std::runtime_error("no site in " + dir.root.string() + ": the folder does not exist");
    std::filesystem::create_directories(dir.root, ec);
    if (ec) throw std::runtime_error("cannot create " + dir.root.string() + ": " + ec.message());
  }
  sqlite::SqliteStore store(dir.database());
  if (!status_only) {
    int applied = store.migrate(system_now());
    std::cout << "applied " << applied << " migration(s)\n";
  }
  for (const auto& m : store.migration_status()) {
    std::cout << (m.applied_at ? "applied  " : "pending  ") << m.version << "  " << m.name;
    if (m.applied_at) std::cout << "  " << format_iso8601(*m.applied_at);
    std::cout << "\n";
  }
  return 0;
}

int run_import(const std::filesystem::path& data, const std::filesystem::path& path) {
  std::vector<ImportError> errors;
  auto files = read_import_path(path, errors);
  if (errors.empty()) {
    auto store = open_site(DataDir{data}, true, false);
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

int run_user_add(const std::filesystem::path& data, const std::string& email, const std::string& role,
                 const std::string& name, const std::string& author) {
  auto store = open_site(DataDir{data}, true, false);
  if (isatty(STDIN_FILENO)) std::cerr << "password for " << email << ": ";
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto result = create_account(*store, {email, name, role, password, author}, {std::nullopt, "cli", ""}, system_now());
  if (!result.user) {
    std::cerr << "error: " << result.field << ": " << result.error << "\nno account was created\n";
    return 1;
  }
  std::cout << "added " << result.user->email << " (" << to_string(result.user->role) << "), account "
            << result.user->id << "\n";
  return 0;
}

int run_user_list(const std::filesystem::path& data) {
  auto store = open_site(DataDir{data}, false, false);
  for (const auto& u : store->users()) {
    std::cout << u.id << "\t" << u.email << "\t" << to_string(u.role) << (u.disabled ? "\tdisabled" : "") << "\n";
  }
  return 0;
}

int run_reindex(const std::filesystem::path& data) {
  keep_freed_memory();  // Xapian frees its in-memory postings every few batches
  auto store = open_site(DataDir{data}, false, false);
  XapianIndex index(*store, DataDir{data}.search());
  auto started = std::chrono::steady_clock::now();
  ReindexProgress progress;
  if (isatty(STDERR_FILENO)) progress = [](std::size_t done, std::size_t total) { progress_bar("documents", done, total); };
  auto documents = index.rebuild(progress);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "indexed " << documents << " documents in " << static_cast<long>(seconds * 1000) << " ms ("
            << static_cast<long>(seconds > 0 ? documents / seconds : 0) << " a second)\n";
  return 0;
}

int run_catalog_import(const std::filesystem::path& data, const std::string& format_name,
                       const std::filesystem::path& path) {
  auto format = parse_catalog_format(format_name);
  if (!format) {
    std::cerr << "error: --format '" << format_name << "' is not one of tmdb, mdl, dbkpop, csv, json\n";
    return 1;
  }
  auto store = open_site(DataDir{data}, true, false);
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

int run_export(const std::filesystem::path& data, const std::filesystem::path& path) {
  auto store = open_site(DataDir{data}, false, false);
  auto report = export_site(*store, path);
  if (!report.error.empty()) {
    std::cerr << "error: " << report.error << "\n";
    return 1;
  }
  std::cout << "exported " << report.articles << " article(s) to " << path.string() << "\n";
  return 0;
}

}  // namespace kpress
