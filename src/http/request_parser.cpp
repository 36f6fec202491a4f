// Beast's basic_parser (the tokenizer only, no Asio) with storage of our own. See the
// header for why.

#include "http/request_parser.hpp"

#include <algorithm>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <cctype>

namespace dateline::http {
namespace {

namespace bhttp = boost::beast::http;
using boost::beast::error_code;

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsLower(std::string_view a, std::string_view lower) {
  return a.size() == lower.size() &&
         std::equal(a.begin(), a.end(), lower.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == y;
         });
}

// Room for a chunk-size line's digits and CRLFs, counted as framing per chunk.
constexpr uint64_t kChunkLineOverhead = 8;
constexpr uint64_t kTrailerFieldOverhead = 4;  // ": " and CRLF

}  // namespace

int TransferEncodingStatus(std::string_view value) {
  int chunked_at = -1, count = 0;
  size_t pos = 0;
  while (pos <= value.size()) {
    size_t comma = value.find(',', pos);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view coding = TrimOws(value.substr(pos, comma - pos));
    coding = TrimOws(coding.substr(0, coding.find(';')));
    pos = comma + 1;
    if (coding.empty()) continue;  // "a, , b": empty list elements are allowed
    if (EqualsLower(coding, "chunked")) {
      if (chunked_at >= 0) return 400;  // chunked twice
      chunked_at = count;
    }
    ++count;
  }
  if (chunked_at < 0 || chunked_at != count - 1) return 400;  // length unknowable
  return count == 1 ? 0 : 501;  // gzip, chunked: a coding we do not decode
}

class RequestParser::Impl final : public bhttp::basic_parser<true> {
 public:
  explicit Impl(RequestParser& owner) : owner_(owner) {}

 private:
  void on_request_impl(bhttp::verb method, boost::beast::string_view method_str,
                       boost::beast::string_view target, int version, error_code&) override {
    Request& r = owner_.request_;
    r.method = ToMethod(method);
    r.method_text.assign(method_str.data(), method_str.size());
    r.target.assign(target.data(), target.size());
    owner_.version_ = static_cast<unsigned>(version);
  }

  void on_response_impl(int, boost::beast::string_view, int, error_code& ec) override {
    ec = bhttp::error::bad_method;  // never called for a request parser
  }

  void on_field_impl(bhttp::field, boost::beast::string_view name, boost::beast::string_view value,
                     error_code& ec) override {
    if (owner_.header_done_) {
      // A trailer field: counted, then dropped (never merged into the header).
      owner_.framing_bytes_ += name.size() + value.size() + kTrailerFieldOverhead;
      if (owner_.framing_bytes_ > owner_.limits_.max_framing_bytes) {
        owner_.Fail(413, "chunk framing and trailers over the limit");
        ec = bhttp::error::body_limit;
      }
      return;
    }
    std::string lower(name.data(), name.size());
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "transfer-encoding") {
      if (!transfer_encoding_.empty()) transfer_encoding_ += ", ";
      transfer_encoding_.append(value.data(), value.size());
    }
    if (lower == "expect")
      expect_continue_ = EqualsLower(TrimOws({value.data(), value.size()}), "100-continue");
    owner_.request_.headers.emplace_back(std::move(lower), std::string(value.data(), value.size()));
  }

  void on_header_impl(error_code& ec) override {
    owner_.header_done_ = true;
    const Request& r = owner_.request_;
    std::string_view path = std::string_view(r.target).substr(0, r.target.find('?'));
    for (const auto& upload : owner_.limits_.upload_paths) {
      if (r.method == Method::kPost && path == upload &&
          owner_.limits_.max_upload_bytes > owner_.body_limit_) {
        owner_.body_limit_ = owner_.limits_.max_upload_bytes;
        body_limit(owner_.body_limit_);
      }
    }
    if (!transfer_encoding_.empty()) {
      // RFC 9112 §6.1: HTTP/1.0 has no transfer codings; treat the framing as faulty.
      int status = owner_.version_ < 11 ? 400 : TransferEncodingStatus(transfer_encoding_);
      if (status != 0) {
        owner_.Fail(status, "unusable Transfer-Encoding: " + transfer_encoding_.substr(0, 100));
        ec = bhttp::error::bad_transfer_encoding;
      }
    }
  }

  void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) override {
    if (length) owner_.request_.body.reserve(std::min<uint64_t>(*length, owner_.body_limit_));
  }

  size_t on_body_impl(boost::beast::string_view body, error_code&) override {
    owner_.request_.body.append(body.data(), body.size());
    return body.size();
  }

  void on_chunk_header_impl(std::uint64_t, boost::beast::string_view extensions,
                            error_code& ec) override {
    owner_.framing_bytes_ += extensions.size() + kChunkLineOverhead;
    if (owner_.framing_bytes_ > owner_.limits_.max_framing_bytes) {
      owner_.Fail(413, "chunk framing over the limit");
      ec = bhttp::error::body_limit;
    }
  }

  size_t on_chunk_body_impl(std::uint64_t, boost::beast::string_view body, error_code&) override {
    owner_.request_.body.append(body.data(), body.size());
    return body.size();
  }

  void on_finish_impl(error_code&) override { owner_.done_ = true; }

  RequestParser& owner_;
  std::string transfer_encoding_;

 public:
  bool expect_continue_ = false;
};

RequestParser::RequestParser(const ParseLimits& limits)
    : limits_(limits), body_limit_(limits.max_body_bytes), impl_(std::make_unique<Impl>(*this)) {
  impl_->eager(true);
  impl_->header_limit(static_cast<std::uint32_t>(
      std::min<size_t>(limits_.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  impl_->body_limit(limits_.max_body_bytes);
}

RequestParser::~RequestParser() = default;

void RequestParser::Fail(int status, std::string reason) {
  if (error_status_ != 0) return;
  error_status_ = status;
  error_reason_ = std::move(reason);
}

void RequestParser::FailBufferFull() {
  Fail(header_done_ ? 413 : 431,
       header_done_ ? "chunk framing over the limit" : "request head over the limit");
}

size_t RequestParser::Feed(std::string_view input) {
  // Beast 1.81 resumes a last chunk whose trailer section is still open asserting it has
  // at least 5 bytes ("0\r\n" and more), though it asked for more at 3. Every point where
  // it asks for more is followed by at least 5 bytes of any complete message (the last
  // chunk and its CRLF, or the rest of the head), so waiting for 5 delays nothing that
  // could finish, and keeps the parser's own assertions meaningful in checked builds.
  constexpr size_t kResumeBytes = 5;
  if (waiting_for_more_ && input.size() < kResumeBytes) return 0;
  waiting_for_more_ = false;
  size_t used = 0;
  try {
    while (NeedsMore() && used < input.size()) {
      error_code ec;
      size_t n =
          impl_->put(boost::asio::const_buffer(input.data() + used, input.size() - used), ec);
      used += n;
      consumed_ += n;
      if (!header_done_) header_bytes_ += n;
      if (ec == bhttp::error::need_more) {
        waiting_for_more_ = true;
        break;
      }
      if (ec) {
        if (ec == bhttp::error::body_limit) {
          Fail(413, "body over the limit");
        } else if (ec == bhttp::error::header_limit) {
          Fail(431, "request head over the limit");
        } else {
          Fail(400, ec.message());
        }
        break;
      }
      if (n == 0) break;
    }
  } catch (const std::exception& e) {
    // Beast's tokenizer is not expected to throw; should it, this request fails alone.
    Fail(400, std::string("parser failed: ") + e.what());
  }
  // The sum of everything read for this request: head, body and framing, each bounded.
  uint64_t ceiling = limits_.max_header_bytes + body_limit_ + limits_.max_framing_bytes;
  if (consumed_ > ceiling) Fail(413, "request over the total limit");
  return used;
}

bool RequestParser::ExpectsContinue() const { return header_done_ && impl_->expect_continue_; }

bool RequestParser::KeepAlive() const { return header_done_ && impl_->keep_alive(); }

size_t RequestParser::BufferLimit() const {
  return std::max(limits_.max_header_bytes, limits_.max_framing_bytes) + 1024;
}

}  // namespace dateline::http
