// Text for XML: the five characters escaped and forbidden control characters left out wherever
// they stand (the scan reads eight bytes at a time, so each position of a word is tried).
#include "render/xml.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kpress {
namespace {

TEST(XmlEscape, EscapesTheFiveAndLeavesOutControlCharactersAtEveryPosition) {
  const std::pair<char, std::string> cases[] = {{'&', "&amp;"}, {'<', "&lt;"},  {'>', "&gt;"}, {'"', "&quot;"},
                                                {'\'', "&apos;"}, {'\x01', ""},   {'\x1f', ""},  {'\t', "\t"},
                                                {'\n', "\n"},    {'\r', "\r"},   {'\x7f', "\x7f"}, {' ', " "}};
  for (const auto& [c, escaped] : cases) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string text(19, 'a');
      text.insert(at, 1, c);
      std::string expected(19, 'a');
      expected.insert(at, escaped);
      EXPECT_EQ(xml_escape(text), expected) << "character " << int(c) << " at " << at;
    }
  }
}

TEST(XmlEscape, KeepsPlainTextAndUtf8AsItIs) {
  std::string text = "BTS : « Dynamite » — 방탄소년단, été 2020. ";
  EXPECT_EQ(xml_escape(text), text);
  EXPECT_EQ(xml_escape(""), "");
  EXPECT_EQ(xml_escape("<a href=\"x?a=1&b=2\">Tom's</a>"),
            "&lt;a href=&quot;x?a=1&amp;b=2&quot;&gt;Tom&apos;s&lt;/a&gt;");
}

}  // namespace
}  // namespace kpress
