#pragma once
// The subcommands of the kpress binary. Each returns the process exit code.
#include <filesystem>

#include "cli/serve_config.hpp"

namespace kpress {

int run_serve(const ServeConfig& config);
int run_migrate(const std::filesystem::path& data, bool status_only);
int run_import(const std::filesystem::path& data, const std::filesystem::path& path);
int run_export(const std::filesystem::path& data, const std::filesystem::path& path);
// Reads the password from standard input (its first line).
int run_user_add(const std::filesystem::path& data, const std::string& email, const std::string& role,
                 const std::string& name, const std::string& author);
int run_reindex(const std::filesystem::path& data);
int run_user_list(const std::filesystem::path& data);
int run_catalog_import(const std::filesystem::path& data, const std::string& format, const std::filesystem::path& path);

}  // namespace kpress
