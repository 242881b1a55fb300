#pragma once
// The subcommands of the kpress binary. Each returns the process exit code.
#include <filesystem>

#include "cli/serve_config.hpp"
#include "cli/site_setup.hpp"

namespace kpress {

int run_serve(const ServeConfig& config);
// Every command takes the site as a data folder and, for a site in PostgreSQL, its database URL.
int run_migrate(const DataDir& data, bool status_only);
int run_import(const DataDir& data, const std::filesystem::path& path);
// A WordPress export written into the site (exchange/wxr_import.hpp); the report on standard
// output, as text or JSON, and a progress bar on a terminal's standard error.
struct WxrImportCommand {
  bool dry_run = false;
  bool json = false;
  std::string utc_offset;  // "+09:00"; empty: inferred
  std::filesystem::path uploads;  // a copy of wp-content/uploads; empty: none
  bool fetch = true;              // attachments not in `uploads` fetched from the old site
};
int run_wxr_import(const DataDir& data, const std::filesystem::path& path, const WxrImportCommand& command);
int run_export(const DataDir& data, const std::filesystem::path& path);
// Reads the password from standard input (its first line).
int run_user_add(const DataDir& data, const std::string& email, const std::string& role,
                 const std::string& name, const std::string& author);
int run_reindex(const DataDir& data);
// Copies the whole site to the database `to`, or from the database `from` into `data`'s.
int run_copy(const DataDir& data, const std::string& to, const std::string& from, bool replace);
int run_user_list(const DataDir& data);
int run_catalog_import(const DataDir& data, const std::string& format, const std::filesystem::path& path);

}  // namespace kpress
