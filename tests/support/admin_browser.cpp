#include "support/admin_browser.hpp"

#include <cctype>
#include <cstdio>
#include <regex>

#include "http/message.hpp"

namespace kpress::testing {

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    for (const auto* part : {&name, &value}) {
      for (unsigned char c : *part) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
          out += static_cast<char>(c);
        } else {
          char hex[4];
          std::snprintf(hex, sizeof hex, "%%%02X", c);
          out += hex;
        }
      }
      if (part == &name) out += '=';
    }
  }
  return out;
}

std::string csrf_in(const std::string& page) {
  std::smatch m;
  if (std::regex_search(page, m, std::regex("name=\"csrf\" value=\"([^\"]+)\""))) return m[1];
  return "";
}

ClientResponse AdminBrowser::get(const std::string& target) {
  auto res = http_get(port_, target, headers());
  keep(res);
  return res;
}

ClientResponse AdminBrowser::post(const std::string& target, std::vector<std::pair<std::string, std::string>> fields,
                                  bool with_csrf) {
  if (with_csrf) fields.emplace_back("csrf", csrf_);
  return post_body(target, "application/x-www-form-urlencoded", form_encode(fields));
}

ClientResponse AdminBrowser::post_body(const std::string& target, const std::string& content_type, const std::string& body) {
  auto h = headers();
  h["Content-Type"] = content_type;
  auto res = http_request(port_, http::Verb::post, target, body, h);
  keep(res);
  return res;
}

ClientResponse AdminBrowser::sign_in(const std::string& email, const std::string& password) {
  get("/admin/login");
  return post("/admin/login", {{"email", email}, {"password", password}, {"next", "/admin/articles"}});
}

std::map<std::string, std::string> AdminBrowser::headers() const {
  std::map<std::string, std::string> h;
  std::string cookie;
  for (const auto& [name, value] : cookies_) cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
  if (!cookie.empty()) h["Cookie"] = cookie;
  return h;
}

void AdminBrowser::keep(const ClientResponse& res) {
  auto set = res.header("set-cookie");
  if (!set.empty()) {
    auto pair = set.substr(0, set.find(';'));
    auto eq = pair.find('=');
    std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
    if (value.empty()) cookies_.erase(name);
    else cookies_[name] = value;
  }
  if (auto token = csrf_in(res.body); !token.empty()) csrf_ = token;
}

}  // namespace kpress::testing
