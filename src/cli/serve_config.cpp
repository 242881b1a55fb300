#include "cli/serve_config.hpp"

#include <boost/url/parse.hpp>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <tuple>

namespace kpress {

void apply_listen(const std::string& listen, http::ServerConfig& server) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen '" + listen + "': expected HOST:PORT");
  std::string host = listen.substr(0, colon);
  std::string port_text = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "127.0.0.1";
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535)
    throw std::runtime_error("--listen '" + listen + "': the port must be a number from 0 to 65535");
  server.host = host;
  server.port = static_cast<std::uint16_t>(port);
}

std::string checked_base_url(const std::string& url, const std::string& what) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https") || parsed->host().empty() ||
      parsed->has_query() || parsed->has_fragment() || parsed->has_userinfo())
    throw std::runtime_error(what + " '" + url + "': expected http://HOST[:PORT][/PATH] or https://…");
  std::string out = url;
  while (out.ends_with('/')) out.pop_back();
  return out;
}

void apply_config_file(const std::filesystem::path& file, ServeConfig& config) {
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(file.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                             std::string(e.description()));
  }
  auto where = [&](const toml::node& node, const std::string& key) {
    return file.string() + ":" + std::to_string(node.source().begin.line) + ": " + key;
  };
  auto text = [&](const toml::table& t, const char* key, const std::string& path, auto apply) {
    if (const toml::node* node = t.get(key)) {
      auto value = node->value<std::string>();
      if (!value) throw std::runtime_error(where(*node, path) + " must be a string");
      apply(*value);
    }
  };
  auto number = [&](const toml::table& t, const char* key, const std::string& path, std::int64_t min,
                    std::int64_t max, auto apply) {
    if (const toml::node* node = t.get(key)) {
      auto value = node->value<std::int64_t>();
      if (!value || *value < min || *value > max)
        throw std::runtime_error(where(*node, path) + " must be a whole number from " + std::to_string(min) + " to " +
                                 std::to_string(max));
      apply(*value);
    }
  };
  for (const auto& [key, node] : root) {
    std::string k(key.str());
    if (k != "data" && k != "listen" && k != "theme" && k != "access_log" && k != "demo" && k != "server" &&
        k != "cache_mb" && k != "feeds_full_content" && k != "reactions_per_minute" && k != "comments_per_minute" && k != "comments_per_article_per_minute" && k != "database" && k != "site" &&
        k != "media" && k != "smtp")
      throw std::runtime_error(where(node, k) + " is not a known setting");
  }
  text(root, "data", "data", [&](const std::string& v) { config.data = v; });
  text(root, "listen", "listen", [&](const std::string& v) { config.listen = v; });
  text(root, "theme", "theme", [&](const std::string& v) { config.theme = v; });
  text(root, "access_log", "access_log", [&](const std::string& v) { config.access_log = v; });
  for (auto [key, target] : {std::pair{"demo", &config.demo}, std::pair{"feeds_full_content", &config.feeds_full_content}}) {
    if (const toml::node* node = root.get(key)) {
      auto value = node->value<bool>();
      if (!value) throw std::runtime_error(where(*node, key) + " must be true or false");
      *target = *value;
    }
  }
  number(root, "cache_mb", "cache_mb", 0, 1 << 20, [&](auto v) { config.cache_mb = static_cast<std::size_t>(v); });
  number(root, "reactions_per_minute", "reactions_per_minute", 0, 1'000'000,
         [&](auto v) { config.reactions_per_minute = static_cast<unsigned>(v); });
  number(root, "comments_per_minute", "comments_per_minute", 0, 1'000'000,
         [&](auto v) { config.comments_per_minute = static_cast<unsigned>(v); });
  number(root, "comments_per_article_per_minute", "comments_per_article_per_minute", 0, 1'000'000,
         [&](auto v) { config.comments_per_article_per_minute = static_cast<unsigned>(v); });
  for (auto [section, key, apply] : {std::tuple{"site", "base_url", +[](ServeConfig& c, const std::string& v) { c.base_url = v; }},
                                     std::tuple{"media", "dir", +[](ServeConfig& c, const std::string& v) { c.media_dir = v; }}}) {
    const toml::node* node = root.get(section);
    if (!node) continue;
    const toml::table* table = node->as_table();
    if (!table) throw std::runtime_error(where(*node, section) + " must be a table ([" + section + "] " + key + " = \"…\")");
    for (const auto& [name, value] : *table) {
      if (name.str() != key)
        throw std::runtime_error(where(value, std::string(section) + "." + std::string(name.str())) + " is not a known setting");
    }
    text(*table, key, std::string(section) + "." + key, [&](const std::string& v) { apply(config, v); });
  }
  if (!config.base_url.empty()) config.base_url = checked_base_url(config.base_url, file.string() + ": site.base_url");
  if (const toml::node* database = root.get("database")) {
    const toml::table* table = database->as_table();
    if (!table) throw std::runtime_error(where(*database, "database") + " must be a table ([database] url = \"postgresql://…\")");
    for (const auto& [key, node] : *table) {
      if (key.str() != "url" && key.str() != "statement_timeout_ms")
        throw std::runtime_error(where(node, "database." + std::string(key.str())) + " is not a known setting");
    }
    text(*table, "url", "database.url", [&](const std::string& v) { config.database_url = v; });
    number(*table, "statement_timeout_ms", "database.statement_timeout_ms", 100, 600'000,
           [&](auto v) { config.statement_timeout = std::chrono::milliseconds(v); });
  }
  if (const toml::node* smtp = root.get("smtp")) {
    const toml::table* table = smtp->as_table();
    if (!table) throw std::runtime_error(where(*smtp, "smtp") + " must be a table ([smtp] url = \"smtp://…\")");
    for (const auto& [key, node] : *table) {
      if (key.str() != "url" && key.str() != "from" && key.str() != "user" && key.str() != "password")
        throw std::runtime_error(where(node, "smtp." + std::string(key.str())) + " is not a known setting");
    }
    text(*table, "url", "smtp.url", [&](const std::string& v) { config.smtp.url = v; });
    text(*table, "from", "smtp.from", [&](const std::string& v) { config.smtp.from = v; });
    text(*table, "user", "smtp.user", [&](const std::string& v) { config.smtp.user = v; });
    text(*table, "password", "smtp.password", [&](const std::string& v) { config.smtp.password = v; });
    const auto& url = config.smtp.url;
    if (!url.empty() && !url.starts_with("smtp://") && !url.starts_with("smtps://"))
      throw std::runtime_error(where(*table->get("url"), "smtp.url") + " must start with smtp:// or smtps://");
    if (!url.empty() && mailbox_address(config.smtp.from).empty())
      throw std::runtime_error(where(*smtp, "smtp.from") + " must be the sender's address, as \"K-Actu <noreply@example.org>\"");
  }
  if (const toml::table* server = root["server"].as_table()) {
    auto& s = config.server;
    using ms = std::chrono::milliseconds;
    constexpr std::array<std::string_view, 8> known{"threads",         "pin_threads",     "header_limit",
                                                    "body_limit",      "read_timeout_ms", "idle_timeout_ms",
                                                    "shutdown_grace_ms", "trusted_proxies"};
    for (const auto& [key, node] : *server) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end())
        throw std::runtime_error(where(node, "server." + std::string(key.str())) + " is not a known setting");
    }
    number(*server, "threads", "server.threads", 0, 256, [&](auto v) { s.threads = static_cast<unsigned>(v); });
    if (const toml::node* node = server->get("pin_threads")) {
      auto value = node->value<bool>();
      if (!value) throw std::runtime_error(where(*node, "server.pin_threads") + " must be true or false");
      s.pin_threads = *value;
    }
    number(*server, "header_limit", "server.header_limit", 1024, 1 << 20,
           [&](auto v) { s.header_limit = static_cast<std::uint32_t>(v); });
    number(*server, "body_limit", "server.body_limit", 0, std::int64_t{1} << 32,
           [&](auto v) { s.body_limit = static_cast<std::uint64_t>(v); });
    number(*server, "read_timeout_ms", "server.read_timeout_ms", 100, 600'000, [&](auto v) { s.read_timeout = ms(v); });
    number(*server, "idle_timeout_ms", "server.idle_timeout_ms", 100, 600'000, [&](auto v) { s.idle_timeout = ms(v); });
    number(*server, "shutdown_grace_ms", "server.shutdown_grace_ms", 0, 600'000,
           [&](auto v) { s.shutdown_grace = ms(v); });
    if (const toml::node* node = server->get("trusted_proxies")) {
      const toml::array* list = node->as_array();
      if (!list) throw std::runtime_error(where(*node, "server.trusted_proxies") + " must be a list of IP addresses");
      s.trusted_proxies.clear();
      for (const auto& entry : *list) {
        auto address = entry.value<std::string>();
        if (!address || !http::is_ip_address(*address))
          throw std::runtime_error(where(entry, "server.trusted_proxies") + ": '" +
                                   (address ? *address : std::string("(not text)")) + "' is not an IP address");
        s.trusted_proxies.push_back(*address);
      }
    }
  }
}

}  // namespace kpress
