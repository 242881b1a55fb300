#include "render/messages.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace kpress {
namespace {

constexpr const char* kFrench = R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Tags"
msgstr "Mots-clés"

msgid "Untranslated"
msgstr ""

#, fuzzy
msgid "Guessed"
msgstr "Deviné"

msgid "{n} reaction"
msgid_plural "{n} reactions"
msgstr[0] "{n} réaction"
msgstr[1] "{n} réactions"
)";

constexpr const char* kKorean = R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=1; plural=0;\n"

msgid "{n} reaction"
msgid_plural "{n} reactions"
msgstr[0] "반응 {n}개"
)";

TEST(Messages, TranslateByTheCatalogAndFallBackToTheEnglish) {
  Messages messages;
  messages.add("fr", kFrench, "fr.po");
  EXPECT_EQ(messages.text("fr", "Tags"), "Mots-clés");
  EXPECT_EQ(messages.text("fr", "Untranslated"), "Untranslated");
  EXPECT_EQ(messages.text("fr", "Guessed"), "Guessed");  // a fuzzy entry is nobody's checked word
  EXPECT_EQ(messages.text("fr", "Not in the catalog"), "Not in the catalog");
  EXPECT_EQ(messages.text("de", "Tags"), "Tags");
  EXPECT_EQ(messages.languages(), std::vector<std::string>{"fr"});
  EXPECT_EQ(messages.ids("fr"), (std::vector<std::string>{"Tags", "Untranslated", "Guessed", "{n} reaction"}));
}

// Each catalog's own Plural-Forms: French counts 0 and 1 as singular, English only 1, Korean
// has one form; numbers are written as the language writes them.
TEST(Messages, PluralsFollowEachLanguagesRules) {
  Messages messages;
  messages.add("fr", kFrench, "fr.po");
  messages.add("ko", kKorean, "ko.po");
  EXPECT_EQ(messages.counted("fr", "{n} reaction", "{n} reactions", 0), "0 réaction");
  EXPECT_EQ(messages.counted("fr", "{n} reaction", "{n} reactions", 1), "1 réaction");
  EXPECT_EQ(messages.counted("fr", "{n} reaction", "{n} reactions", 2), "2 réactions");
  EXPECT_EQ(messages.counted("fr", "{n} reaction", "{n} reactions", 1234), "1\u202f234 réactions");
  EXPECT_EQ(messages.counted("en", "{n} reaction", "{n} reactions", 0), "0 reactions");
  EXPECT_EQ(messages.counted("en", "{n} reaction", "{n} reactions", 1), "1 reaction");
  EXPECT_EQ(messages.counted("en", "{n} reaction", "{n} reactions", 1234), "1,234 reactions");
  EXPECT_EQ(messages.counted("ko", "{n} reaction", "{n} reactions", 1), "반응 1개");
  EXPECT_EQ(messages.counted("ko", "{n} reaction", "{n} reactions", 2), "반응 2개");
}

TEST(Messages, AMalformedCatalogIsRefusedNamingItsLine) {
  Messages messages;
  messages.add("fr", kFrench, "fr.po");
  try {
    messages.add("fr", "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\nbogus \"d\"\nmsgstr \"e\"\n", "themes/x/locale/fr.po");
    FAIL() << "read";
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("themes/x/locale/fr.po, line 5: keyword \"bogus\" unknown"), std::string::npos) << what;
  }
  // The catalog read before stays.
  EXPECT_EQ(messages.text("fr", "Tags"), "Mots-clés");
}

}  // namespace
}  // namespace kpress
