// Which addresses the importer may fetch an attachment from: the public internet's only.
#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <string>
#include <thread>

#include "exchange/public_fetch.hpp"

namespace kpress {
namespace {

TEST(PublicFetch, OnlyAddressesOfThePublicInternetAreFetched) {
  for (const char* address : {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"})
    EXPECT_TRUE(is_public_address(address)) << address;
  for (const char* address : {"127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                              "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::",
                              "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe",
                              "not an address"})
    EXPECT_FALSE(is_public_address(address)) << address;
}

TEST(PublicFetch, ALoopbackAddressIsRefusedAndNamed) {
  auto fetched = fetch_public("http://127.0.0.1:9/x.jpg", 1024);
  EXPECT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.error, "refused: 127.0.0.1 is not an address of the public internet");
}

// An old WordPress site on loopback answering canned responses by path, counting the
// connections it was asked for.
class OldSite {
 public:
  explicit OldSite(std::map<std::string, std::string> responses, const char* host = "127.0.0.1")
      : responses_(std::move(responses)), host_(host) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    ::inet_pton(AF_INET, host, &address.sin_addr);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(listener_, 8) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      throw std::runtime_error("no loopback listener");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~OldSite() {
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  std::string url(const std::string& path) const { return "http://" + host_ + ":" + std::to_string(port_) + path; }
  int connections() const { return connections_; }

 private:
  void serve() {
    for (;;) {
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      ++connections_;
      std::string request;
      char buffer[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::read(client, buffer, sizeof buffer);
        if (n <= 0) break;
        request.append(buffer, static_cast<std::size_t>(n));
      }
      std::string path = request.substr(4, request.find(' ', 4) - 4);  // "GET /path HTTP/1.1"
      auto found = responses_.find(path);
      std::string response = found != responses_.end() ? found->second
                                                       : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
      for (std::size_t sent = 0; sent < response.size();) {
        ssize_t n = ::send(client, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
      ::close(client);
    }
  }

  std::map<std::string, std::string> responses_;
  std::string host_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<int> connections_{0};
  std::thread thread_;
};

std::string image_response(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

std::string redirect_to(const std::string& location) {
  return "HTTP/1.1 301 Moved Permanently\r\nLocation: " + location + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}

// The download itself, from a site the test lets the fetch reach (only 127.0.0.1: the real
// fetch allows no loopback address at all).
bool only_127_0_0_1(const std::string& address) { return address == "127.0.0.1"; }

TEST(PublicFetch, AnAttachmentIsDownloadedThroughTheOldSitesRedirects) {
  OldSite site({{"/wp-content/uploads/2020/12/old.jpg", redirect_to("/wp-content/uploads/2021/01/new.jpg")},
                {"/wp-content/uploads/2021/01/new.jpg", image_response("\xff\xd8 the image bytes")}});
  auto fetched = fetch_public(site.url("/wp-content/uploads/2020/12/old.jpg"), 1024, only_127_0_0_1);
  ASSERT_TRUE(fetched.ok()) << fetched.error;
  EXPECT_EQ(fetched.body, "\xff\xd8 the image bytes");
  EXPECT_EQ(fetched.content_type, "image/jpeg");
}

TEST(PublicFetch, AMissingOrOversizedAttachmentIsNamedAndNothingIsKept) {
  OldSite site({{"/big.jpg", image_response(std::string(3 * 1024 * 1024, 'x'))}});
  auto missing = fetch_public(site.url("/gone.jpg"), 1024, only_127_0_0_1);
  EXPECT_EQ(missing.error, "HTTP 404");
  EXPECT_TRUE(missing.body.empty());
  auto big = fetch_public(site.url("/big.jpg"), 2 * 1024 * 1024, only_127_0_0_1);
  EXPECT_EQ(big.error, "larger than 2 MiB");
  EXPECT_TRUE(big.body.empty());
}

TEST(PublicFetch, ARedirectToAnAddressNotAllowedIsRefusedBeforeConnecting) {
  OldSite inside({{"/secret", image_response("the machine's own service")}}, "127.0.0.2");
  OldSite site({{"/a.jpg", redirect_to(inside.url("/secret"))}});
  auto fetched = fetch_public(site.url("/a.jpg"), 1024, only_127_0_0_1);
  EXPECT_EQ(fetched.error, "refused: 127.0.0.2 is not an address of the public internet");
  EXPECT_TRUE(fetched.body.empty());
  EXPECT_EQ(site.connections(), 1);
  EXPECT_EQ(inside.connections(), 0);
}

}  // namespace
}  // namespace kpress
