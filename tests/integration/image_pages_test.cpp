// Images over HTTP on both stores: an editor uploads through the media library's
// multipart form; what is served is real WebP and JPEG at the promised sizes, with every
// byte of EXIF and GPS gone; a renamed executable, a truncated file, a decompression bomb,
// an oversized file and a missing alt text are refused with a clear message and nothing
// stored; a story's lead image and Markdown images are drawn as <picture> with srcset,
// sizes, width and height, shared as og:image; an image in a paywalled part is not on
// the page of a reader without access.

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"
#include "test_images.hpp"

namespace dateline::testing {
namespace {

constexpr const char* kBoundary = "----datelineTestBoundary7MA4YWxkTrZu0gW";

std::string Multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::string& file, const std::string& filename) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name +
            "\"\r\n\r\n" + value + "\r\n";
  }
  body += std::string("--") + kBoundary +
          "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filename +
          "\"\r\nContent-Type: image/jpeg\r\n\r\n" + file + "\r\n--" + kBoundary + "--\r\n";
  return body;
}

class ImagePagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A small upload limit, so the oversized case is quick to send.
    std::ofstream(site_.File("dateline.toml")) << "[media]\nmax_upload_bytes = 400000\n";
    server_ = ServerProcess::Start(site_, {"--config", site_.File("dateline.toml")});
    ASSERT_NE(server_, nullptr);
    editor_ = SignedIn("editor", "editor");
  }
  std::unique_ptr<Browser> SignedIn(const std::string& name, const std::string& role) {
    return SignedInAs(site_, *server_, name, role);
  }
  HttpResponse Upload(Browser& b, const std::string& bytes, const std::string& alt,
                      const std::string& name = "photo.jpg") {
    std::string csrf = CsrfIn(b.Get("/admin/media").body);
    return b.Post("/admin/media",
                  Multipart({{"csrf", csrf},
                             {"alt", alt},
                             {"caption", "At the lake"},
                             {"credit", "Photograph: Ann Lee"}},
                            bytes, name),
                  {std::string("Content-Type: multipart/form-data; boundary=") + kBoundary});
  }
  // The key of the newest image in the library.
  std::string NewestKey() {
    auto page = editor_->Get("/admin/media");
    size_t at = page.body.find("Key: <code>");
    if (at == std::string::npos) return "";
    return page.body.substr(at + 11, 32);
  }
  HttpResponse Get(const std::string& path) { return *Fetch(server_->port(), "GET", path); }
  int64_t Stored(const std::string& table) {
    return site_.QueryInt("SELECT COUNT(*) FROM " + table);
  }

  TestSite site_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Browser> editor_;
};

TEST_F(ImagePagesTest, AnUploadIsServedAsRealImagesWithoutItsMetadata) {
  auto uploaded = Upload(*editor_, JpegWithExif(2000, 1250, "GPS-SECRET-46.2044N"), "A lake");
  ASSERT_EQ(uploaded.status, 303) << uploaded.body.substr(0, 2000);
  std::string key = NewestKey();
  ASSERT_EQ(key.size(), 32u);
  auto library = editor_->Get("/admin/media");
  EXPECT_NE(library.body.find("2000 × 1250"), std::string::npos);
  EXPECT_NE(library.body.find("![A lake](/media/" + key + ")"), std::string::npos);
  for (int width : {320, 640, 960, 1280, 1600}) {
    for (const char* ext : {"webp", "jpg"}) {
      auto file = Get("/media/" + key + "-" + std::to_string(width) + "." + ext);
      ASSERT_EQ(file.status, 200) << width << ext;
      EXPECT_EQ(file.Header("content-type"),
                std::string(ext) == "webp" ? "image/webp" : "image/jpeg");
      EXPECT_NE(file.Header("cache-control").find("immutable"), std::string::npos);
      auto decoded = Decode(file.body);
      EXPECT_TRUE(decoded.ok) << width << ext;
      EXPECT_EQ(decoded.width, width);
      EXPECT_EQ(decoded.height, width * 1250 / 2000);
      EXPECT_EQ(file.body.find("GPS-SECRET"), std::string::npos) << width << ext;
      EXPECT_EQ(file.body.find("Exif"), std::string::npos) << width << ext;
    }
  }
  auto share = Get("/media/" + key + "-share.jpg");
  EXPECT_EQ(Decode(share.body).width, 1200);
  // Part of an image, as a download resuming asks for it.
  EXPECT_EQ(share.Header("accept-ranges"), "bytes");
  std::string path = "/media/" + key + "-share.jpg", size = std::to_string(share.body.size());
  auto part = *Fetch(server_->port(), "GET", path, {"Range: bytes=100-199"});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, share.body.substr(100, 100));
  EXPECT_EQ(part.Header("content-range"), "bytes 100-199/" + size);
  EXPECT_EQ(part.Header("content-length"), "100");
  auto tail = *Fetch(server_->port(), "GET", path, {"Range: bytes=-50"});
  EXPECT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, share.body.substr(share.body.size() - 50));
  auto past = *Fetch(server_->port(), "GET", path, {"Range: bytes=" + size + "-"});
  EXPECT_EQ(past.status, 416);
  EXPECT_EQ(past.Header("content-range"), "bytes */" + size);
  // Another version named by If-Range, or several ranges: the whole image.
  auto changed = *Fetch(server_->port(), "GET", path, {"Range: bytes=0-9", "If-Range: \"x\""});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body, share.body);
  auto same = *Fetch(server_->port(), "GET", path,
                     {"Range: bytes=0-9", "If-Range: " + share.Header("etag")});
  EXPECT_EQ(same.status, 206);
  EXPECT_EQ(Fetch(server_->port(), "GET", path, {"Range: bytes=0-9,20-29"})->status, 200);
  EXPECT_EQ(share.body.find("GPS-SECRET"), std::string::npos);
  // Not a size we make, not a key we have, not a name at all.
  EXPECT_EQ(Get("/media/" + key + "-2000.jpg").status, 404);
  EXPECT_EQ(Get("/media/" + std::string(32, 'a') + "-640.webp").status, 404);
  EXPECT_EQ(Get("/media/..%2F..%2Fetc%2Fpasswd").status, 404);
  // The same bytes again are the same image, kept once.
  ASSERT_EQ(Upload(*editor_, JpegWithExif(2000, 1250, "GPS-SECRET-46.2044N"), "Again").status, 303);
  EXPECT_EQ(Stored("images"), 1);
  // A small PNG gets its own width only.
  ASSERT_EQ(Upload(*editor_, MakePng(500, 300), "A small chart").status, 303);
  std::string small = NewestKey();
  EXPECT_EQ(Decode(Get("/media/" + small + "-500.webp").body).width, 500);
  EXPECT_EQ(Get("/media/" + small + "-640.webp").status, 404);
}

TEST_F(ImagePagesTest, BadUploadsAreRefusedClearlyAndNothingIsStored) {
  std::string elf = std::string(
                        "\x7F"
                        "ELF\x02\x01\x01",
                        7) +
                    std::string(5000, '\x90');
  auto renamed = Upload(*editor_, elf, "Not a photo", "holiday.jpg");
  EXPECT_EQ(renamed.status, 400);
  EXPECT_NE(renamed.body.find("not a JPEG, PNG or WebP image"), std::string::npos);
  EXPECT_NE(renamed.body.find("value=\"Not a photo\""), std::string::npos) << "typed text kept";
  std::string jpeg = MakeJpeg(1600, 1000);
  auto truncated = Upload(*editor_, jpeg.substr(0, jpeg.size() / 2), "Half a photo");
  EXPECT_EQ(truncated.status, 400);
  EXPECT_NE(truncated.body.find("damaged or incomplete"), std::string::npos)
      << truncated.body.substr(0, 3000);
  auto bomb = Upload(*editor_, PngBomb(60000, 60000), "A bomb");
  EXPECT_EQ(bomb.status, 400);
  EXPECT_NE(bomb.body.find("60000 by 60000 pixels"), std::string::npos);
  auto no_alt = Upload(*editor_, jpeg, "  ");
  EXPECT_EQ(no_alt.status, 400);
  EXPECT_NE(no_alt.body.find("The alt text is required"), std::string::npos);
  EXPECT_NE(no_alt.body.find("value=\"At the lake\""), std::string::npos);
  // Larger than the configured limit: refused with the limit named; and far larger than
  // any body the server takes, refused by the server before it reads the body.
  auto oversized = Upload(*editor_, jpeg + std::string(600000, 0), "Too big");
  EXPECT_EQ(oversized.status, 400);
  EXPECT_NE(oversized.body.find("larger than 400 KB, the most this site takes"), std::string::npos);
  auto huge = Upload(*editor_, jpeg + std::string(1200000, 0), "Far too big");
  EXPECT_EQ(huge.status, 413);
  EXPECT_NE(huge.body.find("larger than this site accepts"), std::string::npos);
  // A body that is not a multipart form, and a form without a file.
  std::string csrf = CsrfIn(editor_->Get("/admin/media").body);
  auto garbled = editor_->Post("/admin/media", "--x\r\nnonsense",
                               {std::string("Content-Type: multipart/form-data; boundary=x")});
  EXPECT_EQ(garbled.status, 400);
  EXPECT_EQ(Stored("images"), 0);
  EXPECT_EQ(Stored("image_variants"), 0);
  // Readers may not upload, nor see the library; other pages keep their 1 MiB limit.
  auto reader = SignedIn("reader", "reader");
  EXPECT_EQ(reader->Get("/admin/media").status, 403);
  EXPECT_EQ(Upload(*reader, jpeg, "Mine").status, 403);
  EXPECT_EQ(Stored("images"), 0);
}

TEST_F(ImagePagesTest, StoriesDrawTheirImagesResponsivelyAndShareThem) {
  ASSERT_EQ(Upload(*editor_, MakeJpeg(2400, 1600), "Delegates in Geneva").status, 303);
  std::string lead = NewestKey();
  ASSERT_EQ(Upload(*editor_, MakeJpeg(1200, 800), "The lakeside").status, 303);
  std::string inline_key = NewestKey();
  ASSERT_EQ(Upload(*editor_, MakeJpeg(900, 600), "A secret document").status, 303);
  std::string hidden_key = NewestKey();
  std::ofstream(site_.File("story.md"))
      << "---\nheadline: Talks by the lake\nslug: lake-talks\naccess: subscribers\n"
      << "authors: Ann Lee\nimage: " << lead
      << "\n---\nThe first paragraph.\n\n![By the water](/media/" << inline_key
      << ")\n\nBehind the paywall:\n\n![A leaked page](/media/" << hidden_key << ")\n";
  auto published = RunDateline(site_.With({"article", "publish", site_.File("story.md")}));
  ASSERT_EQ(published.exit_code, 0) << published.output;
  auto page = Get("/articles/lake-talks");
  ASSERT_EQ(page.status, 200);
  // The lead image: every width as WebP and JPEG, sizes, the box's size, not lazy.
  EXPECT_NE(page.body.find("/media/" + lead + "-1600.webp 1600w"), std::string::npos);
  EXPECT_NE(page.body.find("/media/" + lead + "-320.jpg 320w"), std::string::npos);
  EXPECT_NE(page.body.find("width=\"1600\" height=\"1067\" alt=\"Delegates in Geneva\" decoding"),
            std::string::npos);
  EXPECT_NE(page.body.find("sizes=\"(min-width: 46rem) 42rem, 100vw\""), std::string::npos);
  EXPECT_NE(page.body.find("Photograph: Ann Lee"), std::string::npos);
  // The image in the free part, drawn the same way with the story's alt text.
  EXPECT_NE(page.body.find("/media/" + inline_key + "-1200.webp 1200w"), std::string::npos);
  EXPECT_NE(page.body.find("alt=\"By the water\" loading=\"lazy\""), std::string::npos);
  // The hidden part's image is nowhere on the page for a reader without access.
  EXPECT_EQ(page.body.find(hidden_key), std::string::npos);
  // Sharing: og:image at 1200 wide, a large Twitter card, JSON-LD's image, large previews.
  std::string share = "/media/" + lead + "-share.jpg";
  EXPECT_NE(page.body.find("<meta property=\"og:image\" content=\"http"), std::string::npos);
  EXPECT_NE(page.body.find(share + "\">"), std::string::npos);
  EXPECT_NE(page.body.find("<meta property=\"og:image:width\" content=\"1200\">"),
            std::string::npos);
  EXPECT_NE(page.body.find("summary_large_image"), std::string::npos);
  EXPECT_NE(page.body.find("max-image-preview:large"), std::string::npos);
  EXPECT_NE(page.body.find("\"image\":{\"@type\":\"ImageObject\",\"url\":\"http"),
            std::string::npos);
  // The front page's lead carries it too.
  auto front = Get("/");
  EXPECT_NE(front.body.find("/media/" + lead + "-960.webp 960w"), std::string::npos);
  // An author's photograph, on their page.
  auto authors = editor_->Get("/admin/authors");
  size_t id_at = authors.body.find("name=\"id\" value=\"");
  ASSERT_NE(id_at, std::string::npos);
  std::string id = authors.body.substr(id_at + 17, authors.body.find('"', id_at + 17) - id_at - 17);
  EXPECT_EQ(editor_
                ->Submit("/admin/authors", "/admin/authors",
                         {{"id", id}, {"name", "Ann Lee"}, {"photo", inline_key}})
                .status,
            303);
  auto author_page = Get("/author/ann-lee");
  EXPECT_NE(author_page.body.find("/media/" + inline_key + "-320.webp 320w"), std::string::npos);
  EXPECT_NE(author_page.body.find("alt=\"Ann Lee\""), std::string::npos);
  auto bad_photo = editor_->Submit("/admin/authors", "/admin/authors",
                                   {{"id", id}, {"name", "Ann Lee"}, {"photo", "../../x"}});
  EXPECT_EQ(bad_photo.status, 400);
  // A lead image key that is not one is refused by the CLI's file check.
  std::ofstream(site_.File("bad.md")) << "---\nheadline: Bad\nimage: not-a-key\n---\nText.\n";
  EXPECT_NE(RunDateline(site_.With({"article", "publish", site_.File("bad.md")})).exit_code, 0);
}

}  // namespace
}  // namespace dateline::testing
