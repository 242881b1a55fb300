#pragma once
// Fetches an address of the public internet for an import (a WordPress site's attachment), and
// nothing else: every address its host name resolves to, on the first request and on each
// redirect, is checked before a connection is made (libcurl's open-socket callback), and
// loopback, private, link-local (a cloud's metadata service at 169.254.169.254), shared,
// multicast and reserved ranges are refused, in IPv4 and IPv6 (IPv4-mapped ones included). So a
// hostile export cannot make the importer read the machine's own services.
#include <cstddef>
#include <string>

namespace kpress {

struct PublicFetch {
  std::string body;
  std::string content_type;
  std::string error;  // set when nothing was fetched: why, naming a refused address
  bool ok() const { return error.empty(); }
};

// Whether a numeric address (IPv4 or IPv6, as text) is one of the public internet's.
bool is_public_address(const std::string& address);

// `allowed` is asked about every address a connection would be made to; only the tests pass
// another than is_public_address (to reach a server of theirs on loopback).
using AddressAllowed = bool (*)(const std::string& address);
PublicFetch fetch_public(const std::string& url, std::size_t max_bytes, AddressAllowed allowed = is_public_address);

}  // namespace kpress
