#include "exchange/wp_content.hpp"

#include <gtest/gtest.h>

namespace kpress {
namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(WordPressContent, BlocksBecomeMarkdown) {
  auto out = wordpress_to_markdown(R"(<!-- wp:heading -->
<h2 class="wp-block-heading">Le <em>retour</em> de BTS</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Un paragraphe avec un <a href="https://example.org/a b">lien</a> et du <strong>gras</strong>.</p>
<!-- /wp:paragraph -->

<!-- wp:list -->
<ul><!-- wp:list-item --><li>un</li><!-- /wp:list-item --><!-- wp:list-item --><li>deux</li><!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Une citation</p><cite>Jin</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:code -->
<pre class="wp-block-code"><code>let x = 1 &lt; 2;</code></pre>
<!-- /wp:code -->

<!-- wp:image {"id":12} -->
<figure class="wp-block-image"><img src="https://example.org/a.jpg" alt="Le groupe"/><figcaption>Photo : Big Hit</figcaption></figure>
<!-- /wp:image -->

<!-- wp:separator -->
<hr class="wp-block-separator"/>
<!-- /wp:separator -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Jour</th><th>Heure</th></tr></thead><tbody><tr><td>Lundi</td><td>21 h</td></tr></tbody></table></figure>
<!-- /wp:table -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc
</div></figure>
<!-- /wp:embed -->)");
  const auto& md = out.markdown;
  EXPECT_TRUE(has(md, "## Le *retour* de BTS")) << md;
  EXPECT_TRUE(has(md, "Un paragraphe avec un [lien](https://example.org/a%20b) et du **gras**."));
  EXPECT_TRUE(has(md, "- un\n- deux"));
  EXPECT_TRUE(has(md, "> Une citation"));
  EXPECT_TRUE(has(md, "```\nlet x = 1 < 2;\n```")) << "code kept as written";
  EXPECT_TRUE(has(md, "![Le groupe](https://example.org/a.jpg)"));
  EXPECT_TRUE(has(md, "*Photo : Big Hit*"));
  EXPECT_TRUE(has(md, "\n---\n"));
  EXPECT_TRUE(has(md, "| Jour | Heure |\n| --- | --- |\n| Lundi | 21 h |"));
  EXPECT_TRUE(has(md, "\n\nhttps://www.youtube.com/watch?v=abc")) << "the address alone on its line: a video facade";
  EXPECT_EQ(md.find("youtube.com/watch?v=abc", md.find("youtube.com/watch?v=abc") + 1), std::string::npos) << "once";
  EXPECT_TRUE(out.kept_as_text.empty());
  EXPECT_EQ(out.blocks.at("paragraph"), 1);
  EXPECT_EQ(out.blocks.at("list-item"), 2);
}

TEST(WordPressContent, WhatHasNoMarkdownFormIsKeptAsTextAndNamed) {
  auto out = wordpress_to_markdown(R"(<!-- wp:latest-posts {"postsToShow":3} /-->

<!-- wp:acme/slider {"speed":2} -->
<div class="acme-slider"><img src="a.jpg"/></div>
<!-- /wp:acme/slider -->

<!-- wp:html -->
<marquee>Bonjour</marquee>
<!-- /wp:html -->

<!-- wp:paragraph -->
<p>Après.</p>
<!-- /wp:paragraph -->)");
  EXPECT_EQ(out.kept_as_text.at("block:latest-posts"), 1);
  EXPECT_EQ(out.kept_as_text.at("block:acme/slider"), 1);
  EXPECT_EQ(out.kept_as_text.at("html"), 1);
  EXPECT_TRUE(has(out.markdown, "\\<!-- wp:latest-posts {\"postsToShow\":3} /--\\>")) << out.markdown;
  EXPECT_TRUE(has(out.markdown, "<marquee>Bonjour</marquee>")) << "in a code block, as written";
  EXPECT_TRUE(has(out.markdown, "Après."));
}

TEST(WordPressContent, ClassicTextGetsItsParagraphsAndShortcodes) {
  auto out = wordpress_to_markdown(
      "Premier paragraphe,\nsur deux lignes.\r\n\r\nSecond *paragraphe* avec [un crochet.\n\n"
      "[caption id=\"attachment_1\" align=\"alignnone\" width=\"300\"]<img src=\"https://example.org/b.jpg\" alt=\"Jimin\" /> "
      "Jimin sur scène[/caption]\n\n"
      "[embed]https://vimeo.com/123[/embed]\n\n[youtube https://www.youtube.com/watch?v=xyz]\n\n"
      "[gallery ids=\"1,2,3\"]\n\n<h3>Un titre</h3>");
  const auto& md = out.markdown;
  EXPECT_TRUE(has(md, "Premier paragraphe,  \nsur deux lignes.")) << md;
  EXPECT_TRUE(has(md, "Second \\*paragraphe\\* avec \\[un crochet.")) << "text that looks like Markdown stays text";
  EXPECT_TRUE(has(md, "![Jimin](https://example.org/b.jpg)"));
  EXPECT_TRUE(has(md, "*Jimin sur scène*"));
  EXPECT_TRUE(has(md, "\n\nhttps://vimeo.com/123\n\n"));
  EXPECT_TRUE(has(md, "\n\nhttps://www.youtube.com/watch?v=xyz\n\n"));
  EXPECT_TRUE(has(md, "\\[gallery ids=\"1,2,3\"\\]"));
  EXPECT_EQ(out.kept_as_text.at("shortcode:gallery"), 1);
  EXPECT_TRUE(has(md, "### Un titre"));
}

}  // namespace
}  // namespace kpress
