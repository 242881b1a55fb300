#include "http/form.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>

namespace kpress::http {

std::optional<Form> Form::parse(std::string_view body) {
  auto params = boost::urls::parse_query(body);
  if (!params) return std::nullopt;
  Form form;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (auto param : *params) {
    std::string name = param.key.decode(opts);
    std::string value = param.has_value ? param.value.decode(opts) : std::string();
    if (name.find('\0') != std::string::npos || value.find('\0') != std::string::npos) return std::nullopt;
    form.values_[std::move(name)].push_back(std::move(value));
  }
  return form;
}

std::string Form::get(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? std::string() : it->second.front();
}

const std::vector<std::string>& Form::all(std::string_view name) const {
  static const std::vector<std::string> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second;
}

}  // namespace kpress::http
