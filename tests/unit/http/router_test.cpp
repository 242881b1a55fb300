#include "http/router.hpp"

#include <gtest/gtest.h>

namespace kpress::http {
namespace {

Request get(const std::string& target, Verb method = Verb::get) { return Request{method, target, 11}; }

Router make_router() {
  Router r;
  auto echo = [](std::string name) {
    return [name](const Request&, const RouteParams& p) {
      return text_response(Status::ok, name + ":" + std::string(p.get("slug")) + std::string(p.get("path")));
    };
  };
  r.add(Verb::get, "/", echo("home"));
  r.add(Verb::get, "/articles/{slug}", echo("article"));
  r.add(Verb::get, "/articles/latest", echo("latest"));
  r.add(Verb::get, "/assets/{path...}", echo("asset"));
  r.add(Verb::post, "/api/v1/articles/{slug}/reactions", echo("react"));
  return r;
}

TEST(Router, MatchesExactPathsBeforeParameters) {
  auto r = make_router();
  EXPECT_EQ(r.dispatch(get("/")).body(), "home:");
  EXPECT_EQ(r.dispatch(get("/articles/run-on")).body(), "article:run-on");
  EXPECT_EQ(r.dispatch(get("/articles/latest")).body(), "latest:");
  EXPECT_EQ(r.dispatch(get("/articles/run-on?page=2")).body(), "article:run-on");
}

TEST(Router, TakesTheRestOfThePath) {
  auto r = make_router();
  EXPECT_EQ(r.dispatch(get("/assets/img/logo.svg")).body(), "asset:img/logo.svg");
}

TEST(Router, DecodesPercentEncodingAndRefusesNul) {
  auto r = make_router();
  EXPECT_EQ(r.dispatch(get("/articles/%EB%9F%B0")).body(), "article:런");
  EXPECT_EQ(r.dispatch(get("/articles/a%00b")).result(), Status::bad_request);
  EXPECT_EQ(r.dispatch(get("/articles/%zz")).result(), Status::bad_request);
}

TEST(Router, AnswersNotFoundAndMethodNotAllowed) {
  auto r = make_router();
  EXPECT_EQ(r.dispatch(get("/nope")).result(), Status::not_found);
  EXPECT_EQ(r.dispatch(get("/articles/")).result(), Status::not_found);
  EXPECT_EQ(r.dispatch(get("/articles/a/b")).result(), Status::not_found);
  auto res = r.dispatch(get("/articles/run-on", Verb::delete_));
  EXPECT_EQ(res.result(), Status::method_not_allowed);
  EXPECT_EQ(res[Field::allow], "GET, HEAD");
  EXPECT_EQ(r.dispatch(get("/articles/run-on", Verb::head)).result(), Status::ok);
}

TEST(Router, TellsWhichRequestsAnswerLaterHoweverTheirPathIsWritten) {
  auto r = make_router();
  auto later = [](const Request&, const RouteParams&, Respond respond) { respond(text_response(Status::ok, "later")); };
  r.add_async(Verb::get, "/api/v1/search", later);
  r.add_async(Verb::get, "/search", later);
  EXPECT_TRUE(r.answers_later(get("/search")));
  EXPECT_TRUE(r.answers_later(get("/search?q=bts")));
  EXPECT_TRUE(r.answers_later(get("/api/v1/search?q=bts", Verb::head)));
  EXPECT_TRUE(r.answers_later(get("/%73earch?q=bts")));  // "/search", percent-encoded
  EXPECT_TRUE(r.answers_later(get("/api/v1/%73earch")));
  EXPECT_FALSE(r.answers_later(get("/api/v1/articles/run-on/reactions", Verb::post)));
  EXPECT_FALSE(r.answers_later(get("/articles/search")));
  EXPECT_FALSE(r.answers_later(get("/searching")));
  EXPECT_FALSE(r.answers_later(get("/")));
  EXPECT_FALSE(r.answers_later(get("/search", Verb::post)));
  EXPECT_FALSE(r.answers_later(get("/%00")));

  // A pattern that starts with a parameter: any first segment may lead to it.
  r.add_async(Verb::get, "/{lang}/later", later);
  EXPECT_TRUE(r.answers_later(get("/fr/later")));
  EXPECT_FALSE(r.answers_later(get("/fr/now")));
  EXPECT_TRUE(r.answers_later(get("/search")));
}

TEST(Router, TakesAParameterFirstSegmentBesideExactOnes) {
  Router r;
  auto echo = [](std::string name) {
    return [name](const Request&, const RouteParams& p) { return text_response(Status::ok, name + ":" + std::string(p.get("lang"))); };
  };
  r.add(Verb::get, "/shows", echo("shows"));
  r.add(Verb::get, "/{lang}/shows", echo("edition shows"));
  r.add(Verb::get, "/{lang}/", echo("edition home"));
  r.add(Verb::get, "/{lang}", echo("edition"));
  EXPECT_EQ(r.dispatch(get("/shows")).body(), "shows:");
  EXPECT_EQ(r.dispatch(get("/ko/shows")).body(), "edition shows:ko");
  EXPECT_EQ(r.dispatch(get("/ko/")).body(), "edition home:ko");
  EXPECT_EQ(r.dispatch(get("/ko")).body(), "edition:ko");
}

}  // namespace
}  // namespace kpress::http
