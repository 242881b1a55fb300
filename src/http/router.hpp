#pragma once
// Maps a method and a path to a handler. Patterns are split on '/': a segment `{name}` takes one
// segment, a last segment `{name...}` takes the rest of the path. Exact segments win over
// parameters. A GET route answers HEAD as well. No match is NotFound; a path that matches with
// another method is MethodNotAllowed (with the Allow header).
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace kpress::http {

class RouteParams {
 public:
  std::string_view get(std::string_view name) const;  // "" when absent
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

using RouteHandler = std::function<Response(const Request&, const RouteParams&)>;
using AsyncRouteHandler = std::function<void(const Request&, const RouteParams&, Respond)>;

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;
  void add(Verb method, std::string_view pattern, RouteHandler handler);
  void add_async(Verb method, std::string_view pattern, AsyncRouteHandler handler);
  // Called when no route matches the path; by default a plain 404.
  void set_not_found(RouteHandler handler) { not_found_ = std::move(handler); }

  // Answers through the route: an asynchronous one is waited for here.
  Response dispatch(const Request& request) const;
  // The same, answering through `respond`: at once for a plain route, later for an asynchronous one.
  void dispatch_async(const Request& request, Respond respond) const;
  // Whether the request's route was added with add_async (it answers when it is ready).
  bool answers_later(const Request& request) const;

 private:
  struct Node;
  struct Route {
    RouteHandler handler;
    AsyncRouteHandler async_handler;
  };
  struct Match {
    const Route* route = nullptr;
    RouteParams params;
    std::optional<Response> answer;  // when no route takes the request
  };
  struct Located {
    const std::map<Verb, Route>* handlers = nullptr;  // the path's, by method; null: no such path
    RouteParams params;
    bool bad_path = false;
  };
  Located locate(const Request& request) const;
  Match match(const Request& request) const;
  void add_route(Verb method, std::string_view pattern, Route route);
  std::unique_ptr<Node> root_;
  // The first segments of the asynchronous routes' patterns, so that answers_later can say no to
  // most requests without decoding and walking their whole path; `any` when a pattern starts with
  // a parameter.
  std::set<std::string, std::less<>> async_first_segments_;
  bool async_first_segment_any_ = false;
  RouteHandler not_found_;
};

// The path of a request target without its query, percent-decoded; nothing when the encoding is
// invalid or decodes to a NUL byte.
std::optional<std::string> request_path(std::string_view target);

}  // namespace kpress::http
