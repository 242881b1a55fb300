// kpress: parses the command line and runs the subcommand.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"kpress: a fast, self-hosted news site for K-pop and K-drama fans"};
  app.require_subcommand(1);
  kpress::ServeConfig serve;
  std::filesystem::path config_file, data = "data", path;
  std::string database;  // every command's --database (or KPRESS_DATABASE_URL)
  auto add_database = [&](CLI::App* command, std::string& target) {
    return command->add_option("--database", target,
                               "The site's PostgreSQL database, postgresql://USER@HOST/DB (default: SQLite in the data folder)")
        ->envname("KPRESS_DATABASE_URL");
  };
  bool status_only = false, no_demo = false;

  auto* serve_cmd = app.add_subcommand("serve", "Serve the site (creating it with demo content when new)");
  serve_cmd->add_option("--config", config_file, "TOML config file")->check(CLI::ExistingFile);
  auto* data_opt = serve_cmd->add_option("--data", serve.data, "Site data folder (default: data)");
  auto* database_opt = add_database(serve_cmd, serve.database_url);
  auto* listen_opt = serve_cmd->add_option("--listen", serve.listen, "HOST:PORT (default: 127.0.0.1:8080)");
  auto* theme_opt = serve_cmd->add_option("--theme", serve.theme, "Folder overriding theme files");
  auto* log_opt = serve_cmd->add_option("--access-log", serve.access_log, "Access log: - (stdout), off, or a file");
  serve_cmd->add_flag("--no-demo", no_demo, "Create a new site without the demo content");
  auto* cache_opt = serve_cmd->add_option("--cache-mb", serve.cache_mb, "Page cache memory in MiB; 0 turns it off");
  auto* base_url_opt = serve_cmd->add_option(
      "--base-url", serve.base_url, "The site's public address, the same on every node (default: the one stored; a new site's listen address)");
  auto* media_opt = serve_cmd->add_option("--media-dir", serve.media_dir,
                                          "Folder of media/ and media-originals/, shared by every node (default: the data folder)");

  auto* migrate_cmd = app.add_subcommand("migrate", "Apply database migrations, or show them with --status");
  migrate_cmd->add_option("--data", data, "Site data folder")->required();
  add_database(migrate_cmd, database);
  migrate_cmd->add_flag("--status", status_only, "Only list migrations and whether they are applied");

  auto* import_cmd = app.add_subcommand("import", "Import articles (Markdown with TOML front matter, or JSON), or read a WordPress export");
  import_cmd->add_option("--data", data, "Site data folder")->required();
  add_database(import_cmd, database);
  import_cmd->add_option("path", path, "A file, or a folder of site.toml, *.md and *.json; with --format wxr, a WordPress export")->required();
  std::string import_format = "kpress";
  kpress::WxrImportCommand wxr;
  import_cmd->add_option("--format", import_format, "kpress (the default) or wxr (a WordPress export)")
      ->check(CLI::IsMember({"kpress", "wxr"}));
  import_cmd->add_flag("--dry-run", wxr.dry_run, "WordPress: do it all, report, and write nothing");
  import_cmd->add_flag("--json", wxr.json, "WordPress: the report as JSON");
  import_cmd->add_option("--utc-offset", wxr.utc_offset,
                         "WordPress: the old site's offset from UTC (+09:00), for dates it kept in local time only; "
                         "inferred from the posts otherwise");
  import_cmd->add_option("--uploads", wxr.uploads, "WordPress: a copy of the old site's wp-content/uploads, read for attachments");
  bool no_fetch = false;
  import_cmd->add_flag("--no-fetch", no_fetch, "WordPress: do not fetch attachments missing from --uploads from the old site");

  auto* export_cmd = app.add_subcommand("export", "Export the whole site as site.toml and Markdown files");
  export_cmd->add_option("--data", data, "Site data folder")->required();
  add_database(export_cmd, database);
  export_cmd->add_option("path", path, "A new (or empty) folder")->required();

  auto* catalog_cmd = app.add_subcommand("catalog", "The catalog of shows, people and groups");
  catalog_cmd->require_subcommand(1);
  auto* catalog_import_cmd = catalog_cmd->add_subcommand("import", "Import a dataset into the catalog");
  std::string format;
  catalog_import_cmd->add_option("--data", data, "Site data folder")->required();
  add_database(catalog_import_cmd, database);
  catalog_import_cmd->add_option("--format", format, "tmdb, mdl, dbkpop, csv or json")->required();
  catalog_import_cmd->add_option("path", path, "The dataset's folder (tmdb, dbkpop) or file (mdl, csv, json)")->required();

  auto* user_cmd = app.add_subcommand("user", "Newsroom accounts");
  user_cmd->require_subcommand(1);
  auto* user_add_cmd = user_cmd->add_subcommand("add", "Add an account; its password is read from standard input");
  std::string email, role, name, author;
  user_add_cmd->add_option("--data", data, "Site data folder")->required();
  add_database(user_add_cmd, database);
  user_add_cmd->add_option("--email", email, "Email address, the login")->required();
  user_add_cmd->add_option("--role", role, "owner, editor, translator or contributor")->required();
  user_add_cmd->add_option("--name", name, "Name shown in the admin");
  user_add_cmd->add_option("--author", author, "Author slug of the byline of their articles");
  auto* user_list_cmd = user_cmd->add_subcommand("list", "List the accounts");
  user_list_cmd->add_option("--data", data, "Site data folder")->required();
  add_database(user_list_cmd, database);

  auto* copy_cmd = app.add_subcommand("copy", "Copy the whole site to another database, or from one");
  std::string copy_to, copy_from;
  bool replace = false;
  copy_cmd->add_option("--data", data, "Site data folder")->required();
  add_database(copy_cmd, database);
  copy_cmd->add_option("--to", copy_to, "The database to copy the site into (postgresql://USER@HOST/DB)");
  copy_cmd->add_option("--from", copy_from, "The database to copy the site from, into the site's own");
  copy_cmd->add_flag("--replace", replace, "Empty a target that already holds a site first");

  auto* reindex_cmd = app.add_subcommand("reindex", "Build the search index again from the site");
  reindex_cmd->add_option("--data", data, "Site data folder")->required();
  add_database(reindex_cmd, database);

  CLI11_PARSE(app, argc, argv);
  // Messages for the operator go to standard error; standard output is for results and the
  // access log.
  spdlog::set_default_logger(spdlog::stderr_color_mt("kpress"));
  try {
    if (*serve_cmd) {
      // The config file sets what the command line does not.
      kpress::ServeConfig from_file;
      if (!config_file.empty()) kpress::apply_config_file(config_file, from_file);
      if (!*data_opt) serve.data = from_file.data;
      if (!*database_opt) serve.database_url = from_file.database_url;
      if (!*listen_opt) serve.listen = from_file.listen;
      if (!*theme_opt) serve.theme = from_file.theme;
      if (!*log_opt) serve.access_log = from_file.access_log;
      if (!*cache_opt) serve.cache_mb = from_file.cache_mb;
      if (!*base_url_opt) serve.base_url = from_file.base_url;
      if (!*media_opt) serve.media_dir = from_file.media_dir;
      if (!serve.base_url.empty()) serve.base_url = kpress::checked_base_url(serve.base_url, "--base-url");
      serve.feeds_full_content = from_file.feeds_full_content;
      serve.reactions_per_minute = from_file.reactions_per_minute;
      serve.comments_per_minute = from_file.comments_per_minute;
      serve.comments_per_article_per_minute = from_file.comments_per_article_per_minute;
      serve.smtp = from_file.smtp;
      serve.demo = from_file.demo && !no_demo;
      serve.server = from_file.server;
      return kpress::run_serve(serve);
    }
    kpress::DataDir site{data, database};
    if (*migrate_cmd) return kpress::run_migrate(site, status_only);
    if (*import_cmd && import_format == "wxr") {
      wxr.fetch = !no_fetch;
      return kpress::run_wxr_import(site, path, wxr);
    }
    if (*import_cmd) return kpress::run_import(site, path);
    if (*export_cmd) return kpress::run_export(site, path);
    if (*reindex_cmd) return kpress::run_reindex(site);
    if (*copy_cmd) return kpress::run_copy(site, copy_to, copy_from, replace);
    if (*user_add_cmd) return kpress::run_user_add(site, email, role, name, author);
    if (*user_list_cmd) return kpress::run_user_list(site);
    if (*catalog_import_cmd) return kpress::run_catalog_import(site, format, path);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return 0;
}
