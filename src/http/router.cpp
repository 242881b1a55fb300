#include "http/router.hpp"

#include <boost/url/parse.hpp>

#include <stdexcept>

#include <future>

namespace kpress::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> exact;
  std::unique_ptr<Node> param;  // {name}
  std::string param_name;
  std::string rest_name;  // {name...}: the rest of the path
  std::map<Verb, Route> rest_handlers;
  std::map<Verb, Route> handlers;
};

std::string_view RouteParams::get(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string_view() : std::string_view(it->second);
}

Router::Router() : root_(std::make_unique<Node>()) {
  not_found_ = [](const Request&, const RouteParams&) { return text_response(Status::not_found, "Not found\n"); };
}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (!segments.empty() && segments.back().empty() && segments.size() == 1) segments.clear();  // "/"
  return segments;
}

}  // namespace

void Router::add(Verb method, std::string_view pattern, RouteHandler handler) {
  add_route(method, pattern, {std::move(handler), nullptr});
}

void Router::add_async(Verb method, std::string_view pattern, AsyncRouteHandler handler) {
  auto segments = split_path(pattern);
  std::string_view first = segments.empty() ? std::string_view() : segments.front();
  if (first.starts_with("{")) async_first_segment_any_ = true;
  else async_first_segments_.emplace(first);
  add_route(method, pattern, {nullptr, std::move(handler)});
}

void Router::add_route(Verb method, std::string_view pattern, Route handler) {
  Node* node = root_.get();
  for (auto segment : split_path(pattern)) {
    if (segment.starts_with("{") && segment.ends_with("...}")) {
      node->rest_name = std::string(segment.substr(1, segment.size() - 5));
      node->rest_handlers[method] = std::move(handler);
      return;
    }
    if (segment.starts_with("{") && segment.ends_with("}")) {
      if (!node->param) node->param = std::make_unique<Node>();
      std::string name(segment.substr(1, segment.size() - 2));
      // One name a place: another would be given to the routes that named it otherwise.
      if (!node->param_name.empty() && node->param_name != name)
        throw std::logic_error("route " + std::string(pattern) + ": {" + name + "} where other routes have {" +
                               node->param_name + "}");
      node->param_name = std::move(name);
      node = node->param.get();
    } else {
      auto& child = node->exact[std::string(segment)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  node->handlers[method] = std::move(handler);
}

std::optional<std::string> request_path(std::string_view target) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;
  std::string path = parsed->path();  // decoded
  if (path.find('\0') != std::string::npos) return std::nullopt;
  if (path.empty()) return std::string(1, '/');
  return path;
}

Router::Located Router::locate(const Request& request) const {
  Located out;
  auto& params = out.params;
  auto path = request_path(request.target());
  if (!path) {
    out.bad_path = true;
    return out;
  }

  // Exact segments first, then a parameter, then the rest of the path: the first way through
  // that reaches a route wins, so "/ko/shows" finds "/{lang}/shows" although "/ko/search" is a
  // route of its own.
  auto segments = split_path(*path);
  std::vector<std::pair<const std::string*, std::string_view>> taken;  // (name, value) on the way
  auto walk = [&](auto&& self, const Node* node, std::size_t i) -> const std::map<Verb, Route>* {
    if (i == segments.size()) return &node->handlers;
    auto segment = segments[i];
    if (auto it = node->exact.find(segment); it != node->exact.end()) {
      if (auto found = self(self, it->second.get(), i + 1); found && !found->empty()) return found;
    }
    if (node->param && !segment.empty()) {
      taken.emplace_back(&node->param_name, segment);
      if (auto found = self(self, node->param.get(), i + 1); found && !found->empty()) return found;
      taken.pop_back();
    }
    if (!node->rest_handlers.empty()) {
      // The rest of the path, from this segment on, as it stands in the path.
      auto from = static_cast<std::size_t>(segment.data() - path->data());
      taken.emplace_back(&node->rest_name, std::string_view(*path).substr(from));
      return &node->rest_handlers;
    }
    return nullptr;
  };
  const std::map<Verb, Route>* handlers = walk(walk, root_.get(), 0);
  for (const auto& [name, value] : taken) params.set(*name, std::string(value));
  out.handlers = handlers;
  return out;
}

Router::Match Router::match(const Request& request) const {
  auto [handlers, params, bad_path] = locate(request);
  if (bad_path) return {nullptr, {}, text_response(Status::bad_request, "Bad request: the address is not valid\n")};
  if (!handlers || handlers->empty()) return {nullptr, {}, not_found_(request, params)};

  Verb method = request.method() == Verb::head ? Verb::get : request.method();
  if (auto it = handlers->find(method); it != handlers->end()) return {&it->second, std::move(params), std::nullopt};

  std::string allow;
  for (const auto& [verb, handler] : *handlers) {
    if (!allow.empty()) allow += ", ";
    allow += std::string(beast_http::to_string(verb));
    if (verb == Verb::get) allow += ", HEAD";
  }
  auto res = text_response(Status::method_not_allowed, "Method not allowed\n");
  res.set(Field::allow, allow);
  return {nullptr, {}, std::move(res)};
}

Response Router::dispatch(const Request& request) const {
  auto m = match(request);
  if (m.answer) return std::move(*m.answer);
  if (m.route->handler) return m.route->handler(request, m.params);
  std::promise<Response> answered;
  auto answer = answered.get_future();
  m.route->async_handler(request, m.params, [&answered](Response res) { answered.set_value(std::move(res)); });
  return answer.get();
}

bool Router::answers_later(const Request& request) const {
  if (!async_first_segment_any_) {
    // The path's first segment as it stands: one no asynchronous route starts with says no. One
    // that is percent-encoded, or a target that is not a path, is decoded and walked as usual.
    std::string_view target = request.target();
    if (target.starts_with("/")) {
      auto first = target.substr(1, target.find_first_of("/?#", 1) - 1);
      if (first.find('%') == std::string_view::npos && !async_first_segments_.contains(first)) return false;
    }
  }
  auto located = locate(request);
  if (!located.handlers) return false;
  auto it = located.handlers->find(request.method() == Verb::head ? Verb::get : request.method());
  return it != located.handlers->end() && it->second.async_handler;
}

void Router::dispatch_async(const Request& request, Respond respond) const {
  auto m = match(request);
  if (m.answer) return respond(std::move(*m.answer));
  if (m.route->handler) return respond(m.route->handler(request, m.params));
  m.route->async_handler(request, m.params, std::move(respond));
}

}  // namespace kpress::http
