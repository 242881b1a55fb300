#include "render/json_ld.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace kpress {
namespace {

TEST(JsonLd, TextCannotCloseTheScriptElement) {
  boost::json::object data{{"@type", "NewsArticle"}, {"headline", "Run On </script><script>alert(1)</script> <3"}};
  auto script = json_ld_script(data);
  const std::string open = "<script type=\"application/ld+json\">";
  ASSERT_EQ(script.rfind(open, 0), 0u);
  ASSERT_TRUE(script.ends_with("</script>"));
  auto inside = script.substr(open.size(), script.size() - open.size() - 9);
  EXPECT_EQ(inside.find('<'), std::string::npos) << inside;
  // Still the same data for a JSON parser.
  EXPECT_EQ(boost::json::parse(inside).as_object(), data);
}

}  // namespace
}  // namespace kpress
