// WordPress's block test data and theme unit test data (../shared/data), every post's content
// converted: no HTML left in the Markdown but what was kept as text, escaped; every block kind
// met either converted or named as kept.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "exchange/wp_content.hpp"
#include "exchange/wxr_reader.hpp"

namespace kpress {
namespace {

const std::filesystem::path kData = KPRESS_SHARED_DATA_DIR;

struct Converting final : WxrVisitor {
  int converted = 0;
  std::map<std::string, int> blocks, kept;
  std::vector<std::string> raw_html;  // posts whose Markdown still holds a tag
  void item(WxrItem&& i) override {
    if (i.type != "post" && i.type != "page") return;
    auto out = wordpress_to_markdown(i.content);
    ++converted;
    for (const auto& [k, n] : out.blocks) blocks[k] += n;
    for (const auto& [k, n] : out.kept_as_text) kept[k] += n;
    // Outside code blocks, a tag not escaped is HTML that was not converted.
    static const std::regex tag(R"((^|[^\\])<(p|div|span|figure|img|ul|ol|li|h[1-6]|table|a|strong|em)[\s>/])");
    std::string outside_code;
    bool in_code = false;
    std::istringstream lines(out.markdown);
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("```")) in_code = !in_code;
      else if (!in_code) outside_code += line + "\n";
    }
    if (std::regex_search(outside_code, tag)) raw_html.push_back(i.title);
  }
};

TEST(WordPressContentData, EveryPostOfTheTestDataConvertsWithoutRawHtml) {
  for (const char* file : {"wxr-theme-test-data/64-block-test-data.xml", "wxr-theme-test-data/themeunittestdata.wordpress.xml"}) {
    Converting c;
    read_wxr(kData / file, c);
    EXPECT_GT(c.converted, 10) << file;
    EXPECT_TRUE(c.raw_html.empty()) << file << ": " << c.raw_html.size() << " posts keep HTML, the first: " << c.raw_html.front();
    if (std::string(file).starts_with("wxr-theme-test-data/64")) {
      EXPECT_GT(c.blocks.size(), 40u) << "the block test data has many kinds";
      for (auto kind : {"paragraph", "heading", "list", "image", "table", "quote", "code", "gallery", "separator"})
        EXPECT_FALSE(c.kept.contains("block:" + std::string(kind))) << kind << " is converted, not kept";
      EXPECT_TRUE(c.kept.contains("block:latest-posts")) << "a dynamic block is kept as text and named";
    }
  }
}

}  // namespace
}  // namespace kpress
