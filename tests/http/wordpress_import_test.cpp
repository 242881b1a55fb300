// A WordPress site moved onto kpress (exchange/wxr_import.hpp), then read over HTTP: each post
// with its status, dates, address, section, tags and translations; comment threads rebuilt
// whatever their order; every old address answered with a 301 to the right page (and kept by the
// page cache like a page); the same export imported again changes nothing, a newer one updates
// what changed and leaves alone what the newsroom did to the rest; a broken date named with its
// line, and a dry run, keep nothing.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vips/vips8>

#include <fcntl.h>
#include <fstream>

#include "exchange/wxr_import.hpp"
#include "exchange/wxr_reader.hpp"
#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::http_get;

// A fan site's export as WordPress 6 writes it (WXR 1.2): the site's offset is +09:00.
// A socket listening on 127.0.0.1 that counts who connected: what the importer must never reach.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 8);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    ::fcntl(fd_, F_SETFL, O_NONBLOCK);
  }
  ~Listener() { ::close(fd_); }
  int port() const { return port_; }
  int connections() const {
    int n = 0;
    for (int c; (c = ::accept(fd_, nullptr, nullptr)) >= 0; ++n) ::close(c);
    return n;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

Listener& metadata_service() {
  static Listener listener;
  return listener;
}

std::string attachment(int id, const std::string& url, const std::string& file, const std::string& alt) {
  auto meta = [](const char* key, const std::string& value) {
    return "<wp:postmeta><wp:meta_key><![CDATA[" + std::string(key) + "]]></wp:meta_key><wp:meta_value><![CDATA[" + value +
           "]]></wp:meta_value></wp:postmeta>";
  };
  return "<item><title><![CDATA[photo " + std::to_string(id) + "]]></title><link>https://kfans.example/photos/photo-" +
         std::to_string(id) + "/</link><wp:post_id>" + std::to_string(id) +
         "</wp:post_id><wp:status><![CDATA[inherit]]></wp:status><wp:post_type><![CDATA[attachment]]></wp:post_type>"
         "<wp:attachment_url><![CDATA[" + url + "]]></wp:attachment_url>" +
         (file.empty() ? "" : meta("_wp_attached_file", file)) + meta("_wp_attachment_image_alt", alt) + "</item>\n";
}

constexpr const char* kHeader = R"(<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>K-Fans</title>
  <link>https://kfans.example</link>
  <language>fr-FR</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://kfans.example</wp:base_site_url>
  <wp:base_blog_url>https://kfans.example</wp:base_blog_url>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[minji]]></wp:author_login><wp:author_email><![CDATA[minji@kfans.example]]></wp:author_email><wp:author_display_name><![CDATA[Minji K.]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[kpop]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[K-pop]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[comebacks]]></wp:category_nicename><wp:category_parent><![CDATA[kpop]]></wp:category_parent><wp:cat_name><![CDATA[Comebacks]]></wp:cat_name></wp:category>
  <wp:tag><wp:term_id>5</wp:term_id><wp:tag_slug><![CDATA[bts]]></wp:tag_slug><wp:tag_name><![CDATA[BTS]]></wp:tag_name></wp:tag>
  <wp:term><wp:term_id>6</wp:term_id><wp:term_taxonomy><![CDATA[language]]></wp:term_taxonomy><wp:term_slug><![CDATA[fr]]></wp:term_slug><wp:term_name><![CDATA[Français]]></wp:term_name></wp:term>
  <wp:term><wp:term_id>7</wp:term_id><wp:term_taxonomy><![CDATA[language]]></wp:term_taxonomy><wp:term_slug><![CDATA[en]]></wp:term_slug><wp:term_name><![CDATA[English]]></wp:term_name></wp:term>
  <wp:term><wp:term_id>8</wp:term_id><wp:term_taxonomy><![CDATA[post_translations]]></wp:term_taxonomy><wp:term_slug><![CDATA[pll_5fd9]]></wp:term_slug><wp:term_name><![CDATA[pll_5fd9]]></wp:term_name><wp:term_description><![CDATA[a:2:{s:2:"fr";i:10;s:2:"en";i:11;}]]></wp:term_description></wp:term>
)";

std::string post(int id, const std::string& slug, const std::string& title, const std::string& status,
                 const std::string& date, const std::string& date_gmt, const std::string& extra,
                 const std::string& content = "<!-- wp:paragraph -->\n<p>Le groupe revient en <strong>mars</strong>.</p>\n<!-- /wp:paragraph -->") {
  return "<item><title><![CDATA[" + title + "]]></title><link>https://kfans.example/" + date.substr(0, 4) + "/" +
         date.substr(5, 2) + "/" + date.substr(8, 2) + "/" + slug + "/</link>" +
         "<guid isPermaLink=\"false\">https://kfans.example/?p=" + std::to_string(id) + "</guid>" +
         "<dc:creator><![CDATA[minji]]></dc:creator><content:encoded><![CDATA[" + content +
         "]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>" + std::to_string(id) +
         "</wp:post_id><wp:post_date><![CDATA[" + date + "]]></wp:post_date><wp:post_date_gmt><![CDATA[" + date_gmt +
         "]]></wp:post_date_gmt><wp:post_modified><![CDATA[" + date + "]]></wp:post_modified><wp:post_modified_gmt><![CDATA[" +
         date_gmt + "]]></wp:post_modified_gmt><wp:comment_status><![CDATA[open]]></wp:comment_status>" +
         "<wp:post_name><![CDATA[" + slug + "]]></wp:post_name><wp:status><![CDATA[" + status +
         "]]></wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[post]]></wp:post_type>" +
         "<wp:post_password><![CDATA[]]></wp:post_password><wp:is_sticky>0</wp:is_sticky>" + extra + "</item>\n";
}

std::string comment(int id, int parent, const std::string& author, const std::string& approved, const std::string& text,
                    const std::string& type = "comment") {
  return "<wp:comment><wp:comment_id>" + std::to_string(id) + "</wp:comment_id><wp:comment_author><![CDATA[" + author +
         "]]></wp:comment_author><wp:comment_author_email><![CDATA[" + author + "@mail.example]]></wp:comment_author_email>" +
         "<wp:comment_author_url>https://" + author + ".example</wp:comment_author_url><wp:comment_date><![CDATA[2020-12-16 21:00:0" +
         std::to_string(id % 10) + "]]></wp:comment_date><wp:comment_date_gmt><![CDATA[2020-12-16 12:00:0" +
         std::to_string(id % 10) + "]]></wp:comment_date_gmt><wp:comment_content><![CDATA[" + text +
         "]]></wp:comment_content><wp:comment_approved><![CDATA[" + approved + "]]></wp:comment_approved><wp:comment_type><![CDATA[" +
         type + "]]></wp:comment_type><wp:comment_parent>" + std::to_string(parent) + "</wp:comment_parent></wp:comment>";
}

const std::string kCategories =
    R"(<category domain="category" nicename="comebacks"><![CDATA[Comebacks]]></category><category domain="post_tag" nicename="bts"><![CDATA[BTS]]></category>)";

// The posts, as the old site had them when it moved; `edited` the newer export, in which post 10
// changed and nothing else did.
std::string export_text(bool edited = false) {
  std::string out = kHeader;
  out += post(10, "%ec%bb%b4%eb%b0%b1-bts", "Le comeback de BTS", "publish", "2020-12-16 19:30:00", "2020-12-16 10:30:00",
              "<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[40]]></wp:meta_value></wp:postmeta>" +
              kCategories + R"(<category domain="language" nicename="fr"><![CDATA[Français]]></category>)"
                            // A taxonomy of the theme's own (kept as tags) and a post format (not).
                            R"(<category domain="artist" nicename="rm"><![CDATA[RM]]></category>)"
                            R"(<category domain="post_format" nicename="post-format-video"><![CDATA[Vidéo]]></category>)"
                            R"(<category domain="post_translations" nicename="pll_5fd9"><![CDATA[pll_5fd9]]></category>)"
                            "<wp:postmeta><wp:meta_key><![CDATA[_wp_old_slug]]></wp:meta_key><wp:meta_value><![CDATA[bts-revient]]></wp:meta_value></wp:postmeta>"
                            "<wp:postmeta><wp:meta_key><![CDATA[_wp_old_date]]></wp:meta_key><wp:meta_value><![CDATA[2020-12-15]]></wp:meta_value></wp:postmeta>"
                            "<wp:postmeta><wp:meta_key><![CDATA[_yoast_wpseo_title]]></wp:meta_key><wp:meta_value><![CDATA[%%title%% %%page%% %%sep%% %%sitename%%]]></wp:meta_value></wp:postmeta>"
                            "<wp:postmeta><wp:meta_key><![CDATA[_yoast_wpseo_metadesc]]></wp:meta_key><wp:meta_value><![CDATA[BTS revient en mars : les dates.]]></wp:meta_value></wp:postmeta>" +
                  // Replies before the comments they answer, a pingback, spam and one waiting.
                  comment(103, 102, "jin", "1", "Moi aussi !") + comment(102, 101, "suga", "1", "<p>Et moi</p>") +
                  comment(101, 0, "rm", "1", "Trop <em>hâte</em>") + comment(104, 0, "blog", "1", "Un lien", "pingback") +
                  comment(105, 0, "spammer", "spam", "Achetez") + comment(106, 101, "jimin", "0", "En attente"),
              std::string(edited ? "<!-- wp:paragraph -->\n<p>Le groupe revient en <strong>avril</strong>.</p>\n<!-- /wp:paragraph -->"
                                 : "<!-- wp:paragraph -->\n<p>Le groupe revient en <strong>mars</strong>.</p>\n<!-- /wp:paragraph -->") +
                  "\n<!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"https://kfans.example/wp-content/uploads/2020/12/rm-scene-300x200.jpg\" alt=\"RM sur scène\"/></figure>\n<!-- /wp:image -->");
  // Its photo, in the copy of the uploads; two attachments whose addresses are the machine's own.
  out += attachment(40, "https://kfans.example/wp-content/uploads/2020/12/rm-scene.jpg", "2020/12/rm-scene.jpg", "RM sur scène");
  out += attachment(41, "http://127.0.0.1:" + std::to_string(metadata_service().port()) + "/secret.jpg", "", "secret");
  out += attachment(42, "http://169.254.169.254/latest/meta-data/iam.jpg", "", "metadata");
  std::string english_link = post(11, "bts-comeback", "BTS are back", "publish", "2020-12-16 19:45:00", "2020-12-16 10:45:00",
                                  kCategories + R"(<category domain="language" nicename="en"><![CDATA[English]]></category>)"
                                                R"(<category domain="post_translations" nicename="pll_5fd9"><![CDATA[pll_5fd9]]></category>)");
  // Polylang's links carry the language.
  auto at = english_link.find("https://kfans.example/2020");
  english_link.replace(at, std::string("https://kfans.example/").size(), "https://kfans.example/en/");
  out += english_link;
  // A draft: no GMT date. A post kept in local time only. One in the trash. One to come.
  out += post(12, "", "Brouillon sur Seventeen", "draft", "2021-01-05 09:00:00", "0000-00-00 00:00:00", "");
  out += post(13, "twice-en-tournee", "TWICE en tournée", "publish", "2021-02-01 18:00:00", "0000-00-00 00:00:00", "");
  out += post(14, "supprime", "Supprimé", "trash", "2021-03-01 12:00:00", "2021-03-01 03:00:00", "");
  out += post(15, "a-venir", "À venir", "future", "2031-03-01 12:00:00", "2031-03-01 03:00:00", "");
  // Two editions linked by WPML's export add-on, the English one first in the file.
  auto wpml = [](const char* language) {
    return std::string("<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_language_code]]></wp:meta_key><wp:meta_value><![CDATA[") +
           language + "]]></wp:meta_value></wp:postmeta><wp:postmeta><wp:meta_key><![CDATA[_wpml_import_translation_group]]>"
           "</wp:meta_key><wp:meta_value><![CDATA[77]]></wp:meta_value></wp:postmeta>";
  };
  out += post(31, "aespa-tour", "aespa on tour", "publish", "2021-04-01 12:00:00", "2021-04-01 03:00:00", wpml("en"));
  out += post(30, "aespa-en-tournee", "aespa en tournée", "publish", "2021-04-01 11:00:00", "2021-04-01 02:00:00", wpml("fr"));
  // A page, and one whose address is kpress's own.
  for (auto [id, slug, title] : {std::tuple{20, "a-propos", "À propos"}, {21, "search", "Chercher"}}) {
    // The About page took comments (one approved); the other did not.
    auto page = post(id, slug, title, "publish", "2019-01-01 09:00:00", "2019-01-01 00:00:00",
                     id == 20 ? comment(201, 0, "hobi", "1", "Merci pour ce site") : "");
    if (id == 21) page.replace(page.find("<![CDATA[open]]></wp:comment_status>"), 16, "<![CDATA[closed]]>");
    page.replace(page.find("<wp:post_type><![CDATA[post]]>"), 30, "<wp:post_type><![CDATA[page]]>");
    page.replace(page.find("https://kfans.example/2019/01/01/"), 33, "https://kfans.example/");
    out += page;
  }
  // The main menu (the one with the most items) and a footer menu.
  auto menu_item = [](int id, const char* menu, int order, const char* title, const char* type, const char* object,
                      int object_id, const char* url, int parent = 0) {
    auto meta = [](const char* key, const std::string& value) {
      return "<wp:postmeta><wp:meta_key><![CDATA[" + std::string(key) + "]]></wp:meta_key><wp:meta_value><![CDATA[" + value +
             "]]></wp:meta_value></wp:postmeta>";
    };
    return "<item><title><![CDATA[" + std::string(title) + "]]></title><wp:post_id>" + std::to_string(id) +
           "</wp:post_id><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[nav_menu_item]]></wp:post_type>"
           "<wp:menu_order>" + std::to_string(order) + "</wp:menu_order><category domain=\"nav_menu\" nicename=\"" + menu +
           "\"><![CDATA[" + menu + "]]></category>" + meta("_menu_item_type", type) + meta("_menu_item_object", object) +
           meta("_menu_item_object_id", std::to_string(object_id)) + meta("_menu_item_url", url) +
           meta("_menu_item_menu_item_parent", std::to_string(parent)) + "</item>\n";
  };
  out += menu_item(50, "principal", 2, "", "post_type", "page", 20, "");
  out += menu_item(51, "principal", 1, "", "taxonomy", "category", 4, "");
  out += menu_item(52, "principal", 3, "Tout sur BTS", "custom", "custom", 52, "https://kfans.example/tag/bts/");
  out += menu_item(53, "principal", 4, "Sous-menu", "custom", "custom", 53, "https://kfans.example/category/kpop/", 51);
  out += menu_item(54, "footer", 1, "Mentions", "custom", "custom", 54, "https://kfans.example/mentions/");
  out += "</channel>\n</rss>\n";
  return out;
}

class WordPressImport : public ::testing::Test {
 protected:
  WxrImportReport import(const std::string& text, bool dry_run = false) {
    std::ofstream(file) << text;
    WxrImportOptions options;
    options.dry_run = dry_run;
    options.email_key = [](std::string_view email) { return "key:" + std::string(email); };
    options.media = MediaFolders{site.data().media(), site.data().media_originals()};
    options.uploads = uploads;
    return import_wxr(site.store(), file, options, system_now());
  }
  Article article(const std::string& slug) {
    auto a = site.store().article_by_slug(slug);
    EXPECT_TRUE(a) << slug;
    return a ? *a : Article{};
  }
  std::int64_t count(const WxrImportReport& r, const std::string& kind, std::int64_t WxrImportCounts::*field) {
    auto it = r.results.find(kind);
    return it == r.results.end() ? 0 : it->second.*field;
  }

  WordPressImport() {
    std::filesystem::create_directories(uploads / "2020" / "12");
    vips::VImage img = vips::VImage::black(900, 600, vips::VImage::option()->set("bands", 3)) + std::vector<double>{200, 30, 90};
    img.jpegsave((uploads / "2020" / "12" / "rm-scene.jpg").c_str());
  }

  testing::TestSite site{testing::TestSiteOptions{.demo = false}};
  std::filesystem::path file = site.data().root / "export.xml";
  std::filesystem::path uploads = site.data().root / "uploads";  // the old site's wp-content/uploads, copied
};

TEST_F(WordPressImport, EachPostKeepsItsStatusDatesSectionTagsAndTranslations) {
  auto report = import(export_text());
  EXPECT_EQ(count(report, "articles", &WxrImportCounts::imported), 8);
  EXPECT_EQ(count(report, "pages", &WxrImportCounts::imported), 2);
  EXPECT_EQ(site.store().site().name, "K-Fans") << "a site with no article takes the old site's name";
  EXPECT_EQ(site.store().site().default_language, "fr");
  EXPECT_EQ(report.utc_offset, std::chrono::minutes(9 * 60));
  EXPECT_TRUE(report.utc_offset_inferred);

  auto comeback = article("keombaeg-bts");  // 컴백-bts, percent-encoded in WordPress, transliterated
  EXPECT_EQ(comeback.status, ArticleStatus::published);
  EXPECT_EQ(comeback.published_at, parse_iso8601("2020-12-16T10:30:00Z"));
  EXPECT_EQ(comeback.section, "comebacks");
  EXPECT_EQ(comeback.tags, (std::vector<std::string>{"bts", "rm"}));
  EXPECT_NE(std::find(report.notes.begin(), report.notes.end(),
                      "the terms of taxonomy 'artist' are kept as tags (its archives /artist/SLUG/ lead to them)"),
            report.notes.end());
  EXPECT_EQ(comeback.author, "minji");
  EXPECT_NE(comeback.body.find("**mars**"), std::string::npos) << comeback.body;
  auto sections = site.store().sections();
  auto child = std::find_if(sections.begin(), sections.end(), [](const Section& s) { return s.slug == "comebacks"; });
  ASSERT_NE(child, sections.end());
  EXPECT_EQ(child->parent, "kpop");

  auto english = article("bts-comeback");
  EXPECT_EQ(english.language, "en");
  EXPECT_EQ(english.translation_of, "keombaeg-bts");
  EXPECT_TRUE(comeback.translation_of.empty());
  // WPML's: the edition in the site's language is the first, though it comes second in the file.
  EXPECT_EQ(article("aespa-tour").language, "en");
  EXPECT_EQ(article("aespa-tour").translation_of, "aespa-en-tournee");
  EXPECT_EQ(article("aespa-en-tournee").language, "fr");

  auto draft = article("brouillon-sur-seventeen");  // no slug yet: made from the title
  EXPECT_EQ(draft.status, ArticleStatus::draft);
  EXPECT_FALSE(draft.published_at);
  auto local_only = article("twice-en-tournee");
  EXPECT_EQ(local_only.published_at, parse_iso8601("2021-02-01T09:00:00Z")) << "read at the site's offset, +09:00";
  EXPECT_TRUE(article("supprime").trashed_at);
  EXPECT_EQ(article("a-venir").status, ArticleStatus::scheduled);

  // The main menu is the site's navigation now: a section, a page, an address of the old site.
  auto navigation = site.store().site().navigation;
  ASSERT_EQ(navigation.size(), 3u);
  EXPECT_EQ(navigation[0], (NavigationLink{"Comebacks", "/section/comebacks", ""}));
  EXPECT_EQ(navigation[1], (NavigationLink{"À propos", "/a-propos", ""}));
  EXPECT_EQ(navigation[2], (NavigationLink{"Tout sur BTS", "/tag/bts", ""}));
  EXPECT_EQ(report.results.at("menu items").skipped.size(), 2u) << "the submenu and the other menu, each named";
  EXPECT_NE(http_get(site.port(), "/").body.find("<li><a href=\"/a-propos\">À propos</a></li>"), std::string::npos);

  auto minji = site.store().user_by_email("minji@kfans.example");
  ASSERT_TRUE(minji) << "the author has an account";
  EXPECT_TRUE(minji->disabled) << "which the owner gives back";
  EXPECT_EQ(minji->author, "minji");

  // Readers see it; search engines, Yoast's title and description.
  EXPECT_EQ(comeback.seo_title, "Le comeback de BTS – K-Fans");
  EXPECT_EQ(comeback.seo_description, "BTS revient en mars : les dates.");
  auto page = http_get(site.port(), "/articles/keombaeg-bts");
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("<title>Le comeback de BTS – K-Fans</title>"), std::string::npos);
  EXPECT_NE(page.body.find("<meta name=\"description\" content=\"BTS revient en mars : les dates.\">"), std::string::npos);

  // Pages stand alone, at their own address; one that would shadow kpress's own moves aside.
  EXPECT_EQ(article("a-propos").kind, ArticleKind::page);
  auto about = http_get(site.port(), "/a-propos");
  EXPECT_EQ(about.status, 200u);
  // Its comments came along, and it still takes them, as it did on WordPress.
  EXPECT_NE(about.body.find("Merci pour ce site"), std::string::npos) << about.body;
  EXPECT_NE(about.body.find("action=\"/articles/a-propos/comments\""), std::string::npos) << "its comment form";
  auto closed_page = http_get(site.port(), "/search-page");
  EXPECT_EQ(closed_page.status, 200u);
  EXPECT_EQ(closed_page.body.find("id=\"comments\""), std::string::npos) << "no comments, none taken: no section";
  EXPECT_EQ(http_get(site.port(), "/feed.xml").body.find("propos"), std::string::npos) << "in no list";
  EXPECT_FALSE(report.notes.empty());
}

// Attachments go into the media library from the copy of the uploads, and the post's hero and
// images lead there; addresses of the machine itself are never fetched.
TEST_F(WordPressImport, AttachmentsMoveIntoTheMediaLibraryAndPrivateAddressesAreNeverFetched) {
  auto report = import(export_text());
  EXPECT_EQ(count(report, "attachments", &WxrImportCounts::imported), 1);
  auto items = site.store().media_items(10, 0);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].alt, "RM sur scène");
  EXPECT_EQ(items[0].size.width, 900);
  auto comeback = article("keombaeg-bts");
  EXPECT_EQ(comeback.hero.url, items[0].url()) << "the featured image, from the library";
  EXPECT_EQ(comeback.hero.alt, "RM sur scène");
  EXPECT_NE(comeback.body.find("](" + items[0].url() + ")"), std::string::npos) << comeback.body;
  EXPECT_EQ(comeback.body.find("wp-content"), std::string::npos) << comeback.body;
  EXPECT_EQ(http_get(site.port(), items[0].url()).status, 200u);
  // Its old addresses lead to it: the file other sites link to, its attachment page, its id.
  for (const char* old : {"/wp-content/uploads/2020/12/rm-scene.jpg", "/photos/photo-40/", "/?attachment_id=40"}) {
    auto res = http_get(site.port(), old);
    EXPECT_EQ(res.status, 301u) << old;
    EXPECT_EQ(res.header("location"), items[0].url()) << old;
  }

  // Refused, each named, and nothing reached the machine's own service.
  std::string missing;
  for (const auto& m : report.missing_attachments) missing += m + "\n";
  EXPECT_NE(missing.find("refused: 127.0.0.1 is not an address of the public internet"), std::string::npos) << missing;
  EXPECT_NE(missing.find("refused: 169.254.169.254 is not an address of the public internet"), std::string::npos) << missing;
  EXPECT_EQ(metadata_service().connections(), 0);

  // Imported again: the same library item, not a second.
  auto again = import(export_text());
  EXPECT_EQ(count(again, "attachments", &WxrImportCounts::unchanged), 1);
  EXPECT_EQ(site.store().media_items(10, 0).size(), 1u);
}

TEST_F(WordPressImport, CommentThreadsAreRebuiltWhateverTheirOrder) {
  auto report = import(export_text());
  EXPECT_EQ(count(report, "comments", &WxrImportCounts::imported), 7) << "six on the post, one on the About page";
  auto comeback = article("keombaeg-bts");
  auto comments = site.store().comments_of(comeback.id, std::nullopt);
  ASSERT_EQ(comments.size(), 6u);
  auto by_author = [&](const std::string& name) {
    auto it = std::find_if(comments.begin(), comments.end(), [&](const Comment& c) { return c.author_name == name; });
    EXPECT_NE(it, comments.end()) << name;
    return it == comments.end() ? Comment{} : *it;
  };
  auto rm = by_author("rm"), suga = by_author("suga"), jin = by_author("jin");
  EXPECT_EQ(rm.parent_id, 0);
  EXPECT_EQ(suga.parent_id, rm.id);
  EXPECT_EQ(jin.parent_id, suga.id);
  EXPECT_EQ(by_author("jimin").parent_id, rm.id);
  EXPECT_EQ(by_author("jimin").status, CommentStatus::pending);
  EXPECT_EQ(by_author("spammer").status, CommentStatus::spam);
  EXPECT_EQ(by_author("blog").kind, CommentKind::pingback);
  EXPECT_EQ(rm.author_url, "https://rm.example");
  EXPECT_EQ(rm.email_key, "key:rm@mail.example");
  EXPECT_EQ(rm.email, "") << "kept only while its owner wants notices";
  EXPECT_EQ(rm.created_at, parse_iso8601("2020-12-16T12:00:01Z"));
  EXPECT_EQ(rm.body, "Trop *hâte*");
  // Shown under the article: the approved ones, not the pingback, spam or the one waiting.
  auto page = http_get(site.port(), "/articles/keombaeg-bts");
  for (const char* shown : {"Moi aussi !", "Et moi", "hâte"}) EXPECT_NE(page.body.find(shown), std::string::npos) << shown;
  for (const char* hidden : {"Achetez", "En attente", "Un lien"}) EXPECT_EQ(page.body.find(hidden), std::string::npos) << hidden;
}

TEST_F(WordPressImport, EveryOldAddressAnswers301ToItsNewPage) {
  import(export_text());
  const std::string comeback = "/articles/keombaeg-bts";
  for (auto [old, now] : std::vector<std::pair<std::string, std::string>>{
           {"/2020/12/16/%ec%bb%b4%eb%b0%b1-bts/", comeback},   // the permalink, as browsers send it
           {"/2020/12/16/%EC%BB%B4%EB%B0%B1-bts", comeback},    // any case of hex, no slash
           {"/?p=10", comeback},                                 // the plain address
           {"/?p=10&utm_source=twitter", comeback},              // with a campaign's parameters
           {"/2020/12/16/bts-revient/", comeback},              // an old slug
           {"/bts-revient/", comeback},
           {"/2020/12/15/%ec%bb%b4%eb%b0%b1-bts/", comeback},   // an old date
           {"/en/2020/12/16/bts-comeback/", "/articles/bts-comeback"},  // Polylang's language prefix
           {"/category/kpop/", "/section/kpop"},
           {"/category/kpop/comebacks/", "/section/comebacks"},  // the hierarchy in the address
           {"/category/comebacks/feed/", "/section/comebacks/feed.xml"},
           {"/category/comebacks/page/2/", "/section/comebacks?page=2"},
           {"/tag/bts/", "/tag/bts"},
           {"/tag/bts/feed/", "/tag/bts/feed.xml"},
           {"/artist/rm/", "/tag/rm"},  // a taxonomy of the theme's own
           {"/author/minji/", "/author/minji"},
           {"/feed/", "/feed.xml"},
           {"/?page_id=20", "/a-propos"},
           {"/search/", "/search-page"},
           {"/page/3/", "/?page=3"}}) {
    auto res = http_get(site.port(), old);
    EXPECT_EQ(res.status, 301u) << old;
    EXPECT_EQ(res.header("location"), now) << old;
  }
  // The new addresses answer.
  for (const char* page : {"/section/comebacks", "/section/comebacks/feed.xml", "/tag/bts", "/author/minji"})
    EXPECT_EQ(http_get(site.port(), page).status, 200u) << page;
  // An address no post had is still a 404, and no slash trick leads off the site.
  EXPECT_EQ(http_get(site.port(), "/2020/12/16/nothing-here").status, 404u);
  EXPECT_EQ(http_get(site.port(), "//evil.example/").status, 404u);
  EXPECT_EQ(http_get(site.port(), "/?p=999").status, 200u) << "an unknown post id is the home page";
  // Kept like a page: asked again, the cache answers.
  std::string cache_state;
  for (int i = 0; i < 3; ++i) cache_state = http_get(site.port(), "/?p=10").header("x-cache");
  EXPECT_EQ(cache_state, "HIT");
}

TEST_F(WordPressImport, ImportingAgainChangesNothingAndANewerExportMakesRevisions) {
  import(export_text());
  auto before = article("keombaeg-bts");
  // The newsroom edits a post the next export does not change: the edit stays.
  auto draft = article("brouillon-sur-seventeen");
  draft.title = "Seventeen : le brouillon relu";
  {
    auto tx = site.store().begin_write();
    ASSERT_FALSE(tx->save_article(draft, system_now()).conflict);
    tx->commit();
  }
  auto again = import(export_text());
  for (const auto& [kind, c] : again.results) {
    EXPECT_EQ(c.imported, 0) << kind;
    EXPECT_EQ(c.updated, 0) << kind;
  }
  EXPECT_EQ(count(again, "articles", &WxrImportCounts::unchanged), 8);
  EXPECT_EQ(count(again, "comments", &WxrImportCounts::unchanged), 7);
  EXPECT_EQ(article("keombaeg-bts").revision, before.revision);

  auto newer = import(export_text(true));
  EXPECT_EQ(count(newer, "articles", &WxrImportCounts::updated), 1);
  EXPECT_EQ(count(newer, "articles", &WxrImportCounts::unchanged), 7);
  auto after = article("keombaeg-bts");
  EXPECT_EQ(after.id, before.id) << "found by the old site's address and the post's id";
  EXPECT_EQ(after.revision, before.revision + 1);
  EXPECT_NE(after.body.find("**avril**"), std::string::npos);
  EXPECT_EQ(site.store().revisions(after.id).size(), 2u);
  EXPECT_EQ(article("brouillon-sur-seventeen").title, "Seventeen : le brouillon relu");
}

TEST_F(WordPressImport, ABadDateIsNamedWithItsLineAndNothingIsKept) {
  auto text = export_text();
  auto at = text.find("2021-02-01 18:00:00");
  text.replace(at, 19, "2021-02-31 25:00:00");
  std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  try {
    import(text);
    ADD_FAILURE() << "the bad date was taken";
  } catch (const WxrError& e) {
    EXPECT_NE(std::string(e.what()).find("'2021-02-31 25:00:00' is not a date"), std::string::npos) << e.what();
    EXPECT_EQ(static_cast<std::size_t>(e.line()), line) << e.what();
  }
  EXPECT_FALSE(site.store().article_by_slug("keombaeg-bts"));
  EXPECT_FALSE(site.store().redirect("/?p=10"));
}

TEST_F(WordPressImport, ADryRunReportsEverythingAndWritesNothing) {
  auto report = import(export_text(), true);
  EXPECT_TRUE(report.dry_run);
  EXPECT_EQ(count(report, "articles", &WxrImportCounts::imported), 8);
  EXPECT_GT(count(report, "redirects", &WxrImportCounts::imported), 10);
  EXPECT_FALSE(site.store().article_by_slug("keombaeg-bts"));
  EXPECT_FALSE(site.store().redirect("/?p=10"));
  EXPECT_FALSE(site.store().user_by_email("minji@kfans.example"));
  EXPECT_NE(site.store().site().name, "K-Fans");
}

}  // namespace
}  // namespace kpress
