#include "http/forwarded.hpp"

#include <boost/beast/http/rfc7230.hpp>

#include <algorithm>
#include <cctype>

namespace kpress::http {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The comma-separated elements of a list, commas inside quoted strings left alone.
std::vector<std::string_view> elements(std::string_view list) {
  std::vector<std::string_view> out;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    if (i < list.size() && list[i] == '"' && (i == 0 || list[i - 1] != '\\')) quoted = !quoted;
    if (i == list.size() || (list[i] == ',' && !quoted)) {
      auto element = trimmed(list.substr(start, i - start));
      if (!element.empty()) out.push_back(element);
      start = i + 1;
    }
  }
  return out;
}

// A node of Forwarded's for= ("192.0.2.1", "[2001:db8::1]:4711", "unknown"), as an address
// with neither brackets nor port.
std::string node_address(std::string_view node) {
  if (node.size() >= 2 && node.front() == '"' && node.back() == '"') node = node.substr(1, node.size() - 2);
  if (node.starts_with('[')) {
    auto close = node.find(']');
    return std::string(node.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  }
  if (std::count(node.begin(), node.end(), ':') == 1) node = node.substr(0, node.find(':'));  // IPv4 with a port
  return std::string(node);
}

}  // namespace

Forwarded read_forwarded(std::string_view forwarded, std::string_view forwarded_for, std::string_view forwarded_proto) {
  Forwarded out;
  std::string proto;
  for (auto element : elements(forwarded)) {
    // Each element is pairs joined by ";", the grammar of Beast's parameter list once a ";" leads.
    std::string params = ";" + std::string(element);
    bool named = false;
    proto.clear();  // the nearest proxy's element says how the request reached it
    for (const auto& [name, value] : boost::beast::http::param_list(params)) {
      auto key = lower(name);
      if (key == "for") {
        out.hops.push_back(node_address(value));
        named = true;
      } else if (key == "proto") {
        proto = lower(node_address(value));
      }
    }
    if (!named) out.hops.push_back("unknown");  // a proxy that did not say: no address to trust past it
  }
  if (!forwarded.empty()) {
    out.proto = proto;
    if (!out.hops.empty()) return out;
  }
  for (auto hop : elements(forwarded_for)) out.hops.push_back(node_address(hop));
  if (out.proto.empty()) {
    auto protos = elements(forwarded_proto);
    if (!protos.empty()) out.proto = lower(protos.back());
  }
  return out;
}

}  // namespace kpress::http
