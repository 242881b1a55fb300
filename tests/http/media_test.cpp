// The media library on a real server: an upload (multipart, as a browser sends it) becomes
// upright AVIF, WebP and JPEG derivatives without the camera's metadata, the original is kept
// apart, pages use srcset; wrong files, oversized files and forms without a token are refused
// and change nothing; alt text and credit are required before an article with the image is
// published.
#include <gtest/gtest.h>
#include <vips/vips8>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "admin/accounts.hpp"
#include "support/admin_browser.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::ClientResponse;
using testing::http_get;

constexpr const char* kBoundary = "----kpressTestBoundary7MA4YWxkTrZu0gW";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A 1000 x 600 photo taken with the camera turned (EXIF orientation 6: to be shown rotated a
// quarter turn), with the photographer's name in its EXIF.
std::string camera_jpeg() {
  VIPS_INIT("kpress-test");
  vips::VImage img = vips::VImage::black(1000, 600, vips::VImage::option()->set("bands", 3)) + std::vector<double>{200, 30, 30};
  img = img.cast(VIPS_FORMAT_UCHAR).copy();
  img.set("orientation", 6);
  img.set("exif-ifd0-Artist", "SECRETPLACE (SECRETPLACE, ASCII, 12 components, 12 bytes)");
  void* data = nullptr;
  size_t size = 0;
  img.write_to_buffer(".jpg", &data, &size);
  std::string bytes(static_cast<const char*>(data), size);
  g_free(data);
  return bytes;
}

// A small picture in another format libvips writes: ".png", ".webp", ".heic".
std::string picture_as(const char* suffix) {
  VIPS_INIT("kpress-test");
  vips::VImage img = vips::VImage::black(800, 450, vips::VImage::option()->set("bands", 3)) + std::vector<double>{30, 30, 200};
  img = img.cast(VIPS_FORMAT_UCHAR);
  void* data = nullptr;
  size_t size = 0;
  img.write_to_buffer(suffix, &data, &size);
  std::string bytes(static_cast<const char*>(data), size);
  g_free(data);
  return bytes;
}

// A large photo full of detail (noise): a second or more of work for the encoders.
std::string detailed_jpeg() {
  VIPS_INIT("kpress-test");
  vips::VImage img = vips::VImage::gaussnoise(2400, 1600, vips::VImage::option()->set("mean", 128)->set("sigma", 60));
  img = img.bandjoin({img.rot180(), img.fliphor()}).cast(VIPS_FORMAT_UCHAR);
  void* data = nullptr;
  size_t size = 0;
  img.write_to_buffer(".jpg", &data, &size, vips::VImage::option()->set("Q", 90));
  std::string bytes(static_cast<const char*>(data), size);
  g_free(data);
  return bytes;
}

std::string multipart(const std::vector<std::tuple<std::string, std::string, std::string>>& parts) {
  std::string body;
  for (const auto& [name, filename, data] : parts) {
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!filename.empty()) body += "; filename=\"" + filename + "\"\r\nContent-Type: application/octet-stream";
    body += "\r\n\r\n" + data + "\r\n";
  }
  return body + "--" + kBoundary + "--\r\n";
}

class Media : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(create_account(site.store(), {"editor@example.org", "", "editor", testing::kTestPassword, ""},
                               {std::nullopt, "cli", ""}, system_now())
                    .user);
    ASSERT_EQ(browser.sign_in("editor@example.org").status, 303u);
    browser.get("/admin/media");
  }
  ClientResponse upload(const std::string& bytes, const std::string& filename, bool with_csrf = true,
                        const std::string& alt = "", const std::string& credit = "") {
    std::vector<std::tuple<std::string, std::string, std::string>> parts{{"file", filename, bytes}, {"alt", "", alt}, {"credit", "", credit}};
    if (with_csrf) parts.emplace_back("csrf", "", browser.csrf());
    return browser.post_body("/admin/media", std::string("multipart/form-data; boundary=") + kBoundary, multipart(parts));
  }
  // Saves the article with `fields` changed, as its editor would.
  ClientResponse save(const Article& a, std::vector<std::pair<std::string, std::string>> fields) {
    browser.get("/admin/articles/" + std::to_string(a.id));
    fields.emplace_back("revision", std::to_string(a.revision));
    return browser.post("/admin/articles/" + std::to_string(a.id), fields);
  }
  std::size_t files_in_library() const {
    auto dir = site.data().media() / "library";
    if (!std::filesystem::exists(dir)) return 0;
    std::size_t n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) n += e.is_regular_file();
    return n;
  }
  // One event-loop thread: what it is kept from doing shows.
  static testing::TestSiteOptions one_event_loop() {
    testing::TestSiteOptions options;
    options.server.threads = 1;
    return options;
  }
  testing::TestSite site{one_event_loop()};
  testing::AdminBrowser browser{site.port()};
};

// Images are processed away from the event loop: readers are answered as usual while an upload
// is being turned into derivatives.
TEST_F(Media, ReadersAreAnsweredWhileAnUploadIsProcessed) {
  std::string photo = detailed_jpeg();
  ASSERT_LT(photo.size(), kMaxUploadBytes);
  std::atomic<bool> uploading{true};
  ClientResponse uploaded;
  auto started = std::chrono::steady_clock::now();
  std::thread uploader([&] {
    uploaded = upload(photo, "detail.jpg", true, "Bruit", "Photo : test");
    uploading = false;
  });
  int answered_meanwhile = 0;
  std::chrono::milliseconds slowest{0};
  while (uploading) {
    auto asked = std::chrono::steady_clock::now();
    auto res = http_get(site.port(), "/healthz");
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - asked);
    if (uploading && res.status == 200u) {
      ++answered_meanwhile;
      slowest = std::max(slowest, took);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  uploader.join();
  auto upload_took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  ASSERT_EQ(uploaded.status, 303u) << uploaded.body;
  // The upload took long enough to tell (encoding AVIF, WebP and JPEG at five sizes)...
  ASSERT_GT(upload_took.count(), 400) << "the test image is processed too fast to show anything";
  // ...and the reader was answered all along, not once it was done.
  EXPECT_GE(answered_meanwhile, 5) << "upload took " << upload_took.count() << " ms";
  EXPECT_LT(slowest.count() * 4, upload_took.count()) << "slowest answer " << slowest.count() << " ms";
}

TEST_F(Media, AnUploadBecomesUprightDerivativesWithoutMetadataAndKeepsTheOriginal) {
  std::string photo = camera_jpeg();
  auto res = upload(photo, "IMG_0042.JPG", true, "Un gâteau d’anniversaire rouge", "Photo : JTBC");
  ASSERT_EQ(res.status, 303u) << res.body;
  auto items = site.store().media_items(10, 0);
  ASSERT_EQ(items.size(), 1u);
  const auto& m = items[0];
  EXPECT_EQ(m.size, (ImageSize{600, 1000}));  // turned upright
  EXPECT_EQ(m.format, "jpeg");
  EXPECT_EQ(m.original_name, "IMG_0042.JPG");
  EXPECT_EQ(m.url(), "/media/library/" + std::to_string(m.id) + "/600x1000.jpg");
  // Two widths (320 and the image's own 600), three formats each.
  EXPECT_EQ(files_in_library(), 6u);
  for (std::string name : {"320x533", "600x1000"}) {
    for (auto [ext, type, magic] : {std::tuple{"jpg", "image/jpeg", "\xFF\xD8\xFF"}, {"webp", "image/webp", "WEBP"}, {"avif", "image/avif", "ftypavif"}}) {
      auto file = http_get(site.port(), "/media/library/" + std::to_string(m.id) + "/" + name + "." + ext);
      EXPECT_EQ(file.status, 200u) << name << ext;
      EXPECT_EQ(file.header("content-type"), type);
      EXPECT_TRUE(has(file.body.substr(0, 32), magic)) << name << "." << ext;
      EXPECT_FALSE(has(file.body, "SECRETPLACE")) << name << "." << ext << " keeps the EXIF";
      auto decoded = vips::VImage::new_from_buffer(file.body.data(), file.body.size(), "");
      EXPECT_GT(decoded.height(), decoded.width()) << "upright";
      EXPECT_FALSE(decoded.get_typeof("orientation") != 0 && decoded.get_int("orientation") != 1);
    }
  }
  // The original, untouched, apart from what is served.
  std::ifstream original(site.data().root / "media-originals" / (std::to_string(m.id) + ".jpg"), std::ios::binary);
  std::string kept((std::istreambuf_iterator<char>(original)), {});
  EXPECT_EQ(kept, photo);
  EXPECT_EQ(http_get(site.port(), "/media-originals/" + std::to_string(m.id) + ".jpg").status, 404u);
  EXPECT_EQ(site.store().audit_log(1, 0).at(0).action, "media.upload");
}

TEST_F(Media, PngWebpAndHeicUploadsAreTaken) {
  for (auto [suffix, format] : {std::pair{".png", "png"}, {".webp", "webp"}, {".heic", "heif"}}) {
    auto res = upload(picture_as(suffix), std::string("photo") + suffix, true, "Un fond bleu", "kpress");
    ASSERT_EQ(res.status, 303u) << suffix << " " << res.body.substr(0, 2000);
    auto m = site.store().media_items(1, 0).at(0);
    EXPECT_EQ(m.format, format);
    EXPECT_EQ(m.size, (ImageSize{800, 450}));
    EXPECT_EQ(http_get(site.port(), "/media/library/" + std::to_string(m.id) + "/640x360.avif").status, 200u);
  }
}

TEST_F(Media, PagesUseSrcsetForLibraryImages) {
  ASSERT_EQ(upload(camera_jpeg(), "cake.jpg", true, "Un gâteau", "Photo : JTBC").status, 303u);
  auto m = site.store().media_items(1, 0).at(0);
  // An article with the image as its hero, alt text and credit taken from the library.
  auto a = *site.store().article_by_slug("im-siwan-de-la-scene-k-pop-aux-premiers-roles");
  auto saved = save(a, {{"action", "publish"}, {"hero_url", m.url()}, {"hero_alt", ""}, {"hero_credit", ""}});
  ASSERT_EQ(saved.status, 303u) << saved.body;
  auto after = site.store().article_by_id(a.id);
  EXPECT_EQ(after->hero.alt, "Un gâteau");
  EXPECT_EQ(after->hero.credit, "Photo : JTBC");
  auto page = http_get(site.port(), "/articles/" + a.slug);
  std::string folder = "/media/library/" + std::to_string(m.id) + "/";
  EXPECT_TRUE(has(page.body, "<source type=\"image/avif\" srcset=\"" + folder + "320x533.avif 320w, " + folder + "600x1000.avif 600w\""))
      << page.body.substr(page.body.find("<figure"), 900);
  EXPECT_TRUE(has(page.body, "width=\"600\" height=\"1000\" alt=\"Un gâteau\""));
  EXPECT_TRUE(has(page.body, "sizes=\""));
}

TEST_F(Media, AnImageWithoutAltTextOrCreditCannotBePublished) {
  ASSERT_EQ(upload(camera_jpeg(), "nocredit.jpg").status, 303u);
  auto m = site.store().media_items(1, 0).at(0);
  auto a = *site.store().article_by_slug("im-siwan-de-la-scene-k-pop-aux-premiers-roles");
  auto res = save(a, {{"action", "publish"}, {"hero_url", m.url()}, {"hero_alt", "Un gâteau"}, {"hero_credit", ""}});
  EXPECT_EQ(res.status, 422u);
  EXPECT_TRUE(has(res.body, "hero_credit"));
  EXPECT_EQ(site.store().article_by_id(a.id)->revision, a.revision);
}

TEST_F(Media, WrongFilesAreRefusedWithTheReasonAndChangeNothing) {
  auto text = upload("this is not an image at all", "notes.jpg");
  EXPECT_EQ(text.status, 422u);
  EXPECT_TRUE(has(text.body, "notes.jpg"));
  EXPECT_TRUE(has(text.body, "le fichier n’est pas une image"));  // in the newsroom's language
  auto svg = upload("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>", "x.svg");
  EXPECT_EQ(svg.status, 422u);
  EXPECT_TRUE(has(svg.body, "un fichier svg n’est pas accepté"));
  std::string truncated = camera_jpeg();
  truncated.resize(truncated.size() / 3);
  auto broken = upload(truncated, "broken.jpg");
  EXPECT_EQ(broken.status, 422u);
  EXPECT_TRUE(has(broken.body, "ne peut pas être lue"));
  auto big = upload(std::string(21 * 1024 * 1024, 'x'), "huge.jpg");
  EXPECT_EQ(big.status, 413u);
  EXPECT_TRUE(has(big.body, "20 Mio au plus"));
  EXPECT_EQ(upload(camera_jpeg(), "nocsrf.jpg", false).status, 403u);
  auto not_multipart = browser.post_body("/admin/media", "application/x-www-form-urlencoded", "file=abc");
  EXPECT_EQ(not_multipart.status, 400u);
  EXPECT_TRUE(site.store().media_items(10, 0).empty());
  EXPECT_EQ(files_in_library(), 0u);
}

}  // namespace
}  // namespace kpress
