#pragma once
// What `kpress serve` runs with: defaults, then a TOML config file, then the command line.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "http/server.hpp"
#include "mail/mailer.hpp"

namespace kpress {

struct ServeConfig {
  std::filesystem::path data = "data";
  std::string database_url;           // postgresql://…; empty: SQLite in the data folder
  std::chrono::milliseconds statement_timeout{5000};  // PostgreSQL: a request's deadline per statement
  std::string listen = "127.0.0.1:8080";
  // The site's public address (canonical links, feeds, sitemaps, the API's URLs), the same on
  // every node; stored with the site. Empty: the one stored, or for a new site its listen address.
  std::string base_url;
  std::filesystem::path media_dir;    // empty: DATA/media; several nodes share one (a mount)
  std::filesystem::path theme;        // empty: DATA/theme when it exists
  std::string access_log = "-";       // "-": standard output; "off": none; else a file
  bool demo = true;
  std::size_t cache_mb = 64;          // the page cache's memory; 0 turns it off
  bool feeds_full_content = true;     // false: feeds carry the standfirst only
  unsigned reactions_per_minute = 30; // from one address; 0: no limit (benchmarks)
  unsigned comments_per_minute = 6;   // from one address; 0: no limit (benchmarks)
  unsigned comments_per_article_per_minute = 120;  // on one article, from everyone; 0: no limit
  SmtpSettings smtp;                  // e-mail notices; no url: none sent
  http::ServerConfig server;
};

// Reads a config file such as:
//   data = "/var/lib/kpress"
//   listen = "127.0.0.1:8080"
//   cache_mb = 64
//   reactions_per_minute = 30
//   comments_per_minute = 6
//   [site]
//   base_url = "https://k-actu.example"
//   [media]
//   dir = "/mnt/kpress-media"
//   [database]
//   url = "postgresql://kpress@db.internal/kpress"
//   statement_timeout_ms = 5000
//   [smtp]
//   url = "smtp://mail.internal:587"
//   from = "K-Actu <noreply@k-actu.example>"
//   user = "kpress"
//   password = "…"
//   [server]
//   threads = 2
//   header_limit = 16384
//   body_limit = 1048576
//   read_timeout_ms = 10000
//   idle_timeout_ms = 30000
// Throws std::runtime_error naming the file, line and key at fault.
void apply_config_file(const std::filesystem::path& file, ServeConfig& config);

// "HOST:PORT", "[::1]:PORT" or ":PORT"; throws std::runtime_error when it is not one.
void apply_listen(const std::string& listen, http::ServerConfig& server);

// A base URL as the site keeps it: http(s)://HOST[:PORT][/PATH] without a trailing slash;
// throws std::runtime_error naming `what` when it is not one.
std::string checked_base_url(const std::string& url, const std::string& what);

}  // namespace kpress
