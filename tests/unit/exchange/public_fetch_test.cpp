// Which addresses the importer may fetch an attachment from: the public internet's only.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace kpress
