#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace dateline::http {
namespace {

constexpr const char* kType = "multipart/form-data; boundary=\"b0und\"";

TEST(MultipartTest, FieldsAndFilesAsBrowsersSendThem) {
  std::string body =
      "--b0und\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nA lake\r\n"
      "--b0und\r\nContent-Disposition: form-data; name=\"image\"; filename=\"lake.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\r\n--not the boundary\r\n"
      "--b0und--\r\n";
  auto form = ParseMultipart(kType, body);
  ASSERT_TRUE(form.ok()) << form.error().message;
  ASSERT_EQ(form->fields.size(), 1u);
  EXPECT_EQ(form->fields[0], (std::pair<std::string, std::string>{"alt", "A lake"}));
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].field, "image");
  EXPECT_EQ(form->files[0].filename, "lake.jpg");
  EXPECT_EQ(form->files[0].data, "\xFF\xD8\xFF\r\n--not the boundary");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; charset=utf-8; boundary=abc"), "abc");
}

TEST(MultipartTest, AnythingElseFailsWhole) {
  for (const char* body : {"", "--b0und", "--b0und\r\n\r\nno name\r\n--b0und--",
                           "--b0und\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever "
                           "closed",
                           "--b0und\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n"
                           "--b0und--",
                           "--b0und\r\nno colon here\r\n\r\nx\r\n--b0und--"}) {
    EXPECT_FALSE(ParseMultipart(kType, body).ok()) << body;
  }
  EXPECT_FALSE(ParseMultipart("application/x-www-form-urlencoded", "a=b").ok());
  EXPECT_FALSE(ParseMultipart("multipart/form-data", "--x--").ok()) << "no boundary";
  // Text fields are UTF-8, or mended when asked.
  std::string bad =
      "--b0und\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\n\xC3\x28\r\n--b0und--";
  EXPECT_FALSE(ParseMultipart(kType, bad).ok());
  auto mended = ParseMultipart(kType, bad, true);
  ASSERT_TRUE(mended.ok());
  EXPECT_TRUE(mended->repaired);
  // Bounded parts.
  std::string many;
  for (int i = 0; i < 20; ++i) {
    many += "--b0und\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) +
            "\"\r\n\r\nx\r\n";
  }
  many += "--b0und--";
  EXPECT_FALSE(ParseMultipart(kType, many, false, 16).ok());
}

}  // namespace
}  // namespace dateline::http
