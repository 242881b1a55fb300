#include "exchange/public_fetch.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

namespace kpress {
namespace {

bool public_v4(std::uint32_t a) {  // host order
  auto in = [&](std::uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  return !(in(0x00000000, 8) ||     // "this" network
           in(0x0A000000, 8) ||     // 10/8
           in(0x64400000, 10) ||    // 100.64/10, shared (carrier NAT)
           in(0x7F000000, 8) ||     // loopback
           in(0xA9FE0000, 16) ||    // 169.254/16, link-local: cloud metadata services
           in(0xAC100000, 12) ||    // 172.16/12
           in(0xC0000000, 24) ||    // 192.0.0/24, protocol assignments
           in(0xC0000200, 24) ||    // 192.0.2/24, documentation
           in(0xC0A80000, 16) ||    // 192.168/16
           in(0xC6120000, 15) ||    // 198.18/15, benchmarking
           in(0xC6336400, 24) ||    // 198.51.100/24, documentation
           in(0xCB007100, 24) ||    // 203.0.113/24, documentation
           in(0xE0000000, 4) ||     // multicast
           in(0xF0000000, 4));      // reserved, broadcast
}

bool public_v6(const std::array<unsigned char, 16>& a) {
  static constexpr std::array<unsigned char, 12> kMapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a.data(), kMapped.data(), kMapped.size()) == 0) {  // ::ffff:a.b.c.d
    return public_v4((std::uint32_t(a[12]) << 24) | (std::uint32_t(a[13]) << 16) | (std::uint32_t(a[14]) << 8) | a[15]);
  }
  bool zero_prefix = std::all_of(a.begin(), a.begin() + 15, [](unsigned char b) { return b == 0; });
  if (zero_prefix && (a[15] == 0 || a[15] == 1)) return false;  // :: and ::1
  if ((a[0] & 0xfe) == 0xfc) return false;                      // fc00::/7, unique local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return false;      // fe80::/10, link-local
  if (a[0] == 0xff) return false;                                // multicast
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) return false;  // 2001:db8::/32, documentation
  if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b) return false;  // 64:ff9b::/96, NAT64 of any v4
  return true;
}

struct Transfer {
  AddressAllowed allowed = nullptr;
  std::size_t max_bytes = 0;
  std::string body;
  bool too_big = false;
  std::string refused;  // the address a connection was refused to
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  if (t->body.size() + size * count > t->max_bytes) {
    t->too_big = true;
    return 0;  // stops the transfer
  }
  t->body.append(data, size * count);
  return size * count;
}

curl_socket_t open_checked(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  char text[INET6_ADDRSTRLEN] = {};
  if (purpose == CURLSOCKTYPE_IPCXN && address->family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&address->addr)->sin_addr, text, sizeof text);
  } else if (purpose == CURLSOCKTYPE_IPCXN && address->family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&address->addr)->sin6_addr, text, sizeof text);
  }
  if (!text[0] || !t->allowed(text)) {
    t->refused = text[0] ? text : "an address of another family";
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

}  // namespace

bool is_public_address(const std::string& address) {
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return public_v4(ntohl(v4.s_addr));
  std::array<unsigned char, 16> v6{};
  if (inet_pton(AF_INET6, address.c_str(), v6.data()) == 1) return public_v6(v6);
  return false;
}

PublicFetch fetch_public(const std::string& url, std::size_t max_bytes, AddressAllowed allowed) {
  PublicFetch out;
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(ready ? curl_easy_init() : nullptr, curl_easy_cleanup);
  if (!curl) {
    out.error = "libcurl could not start";
    return out;
  }
  Transfer t;
  t.allowed = allowed;
  t.max_bytes = max_bytes;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*");  // a proxy would connect where it is not checked
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "kpress (importing a WordPress site)");
  curl_easy_setopt(curl.get(), CURLOPT_OPENSOCKETFUNCTION, open_checked);
  curl_easy_setopt(curl.get(), CURLOPT_OPENSOCKETDATA, &t);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &t);
  CURLcode rc = curl_easy_perform(curl.get());
  long status = 0;
  char* type = nullptr;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(curl.get(), CURLINFO_CONTENT_TYPE, &type);
  if (!t.refused.empty()) out.error = "refused: " + t.refused + " is not an address of the public internet";
  else if (t.too_big) out.error = "larger than " + std::to_string(max_bytes / (1024 * 1024)) + " MiB";
  else if (rc != CURLE_OK) out.error = curl_easy_strerror(rc);
  else if (status != 200) out.error = "HTTP " + std::to_string(status);
  if (!out.ok()) return out;
  out.body = std::move(t.body);
  out.content_type = type ? type : "";
  return out;
}

}  // namespace kpress
