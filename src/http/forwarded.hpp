#pragma once
// What the proxies in front of kpress say of a request: who sent it and over which scheme, from
// the standard Forwarded header (RFC 7239) or the older X-Forwarded-For and X-Forwarded-Proto.
// Read only for a request that came from a trusted proxy: anyone else could write them.
#include <string>
#include <string_view>
#include <vector>

namespace kpress::http {

struct Forwarded {
  // The addresses each proxy saw the request come from, the client first and the proxy nearest
  // kpress last; an entry that is not an address ("unknown", "_hidden") is kept as it is.
  std::vector<std::string> hops;
  std::string proto;  // "https" or "http", as the nearest proxy received it; empty: not said
};

// `forwarded`: the Forwarded headers' values joined with commas; the others likewise. Forwarded
// wins when it names hops.
Forwarded read_forwarded(std::string_view forwarded, std::string_view forwarded_for, std::string_view forwarded_proto);

}  // namespace kpress::http
