#include "http/static_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/compressed.hpp"

namespace dateline::http {
namespace fs = std::filesystem;
namespace {

// FNV-1a: a content fingerprint for cache busting, not a security boundary.
uint64_t Fnv1a(std::string_view data) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string InsertFingerprint(const std::string& logical, const std::string& hash) {
  auto slash = logical.rfind('/');
  auto dot = logical.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    return logical + "." + hash;
  }
  return logical.substr(0, dot) + "." + hash + logical.substr(dot);
}

}  // namespace

std::string ContentTypeForPath(std::string_view path) {
  struct Entry {
    std::string_view ext, type;
  };
  static constexpr Entry kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".html", "text/html; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".xml", "application/xml"},
  };
  for (const auto& e : kTypes) {
    if (path.size() >= e.ext.size() && path.substr(path.size() - e.ext.size()) == e.ext) {
      return std::string(e.type);
    }
  }
  return "application/octet-stream";
}

core::Result<StaticFiles> StaticFiles::Load(const std::string& dir) {
  StaticFiles files;
  std::error_code ec;
  fs::path root = fs::weakly_canonical(dir, ec);
  if (ec || !fs::is_directory(root)) {
    return core::Error::InvalidArgument("static folder '" + dir + "' does not exist");
  }
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    fs::path real = fs::weakly_canonical(it->path(), ec);
    if (ec) break;
    std::string rel = fs::relative(real, root, ec).generic_string();
    if (ec || rel.empty() || rel.rfind("..", 0) == 0) continue;  // a link leading outside
    std::ifstream in(real, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    auto file = std::make_shared<File>();
    file->content = std::make_shared<const std::string>(buf.str());
    std::string hash = fmt::format("{:016x}", Fnv1a(*file->content)).substr(0, 10);
    file->etag = "\"" + hash + "\"";
    file->content_type = ContentTypeForPath(rel);
    // Text compresses; images and fonts are compressed already.
    if (file->content_type.rfind("image/", 0) != 0 && file->content_type.rfind("font/", 0) != 0) {
      file->compressed = core::Compress(*file->content, core::Effort::kOnce);
    }
    file->fingerprinted = InsertFingerprint(rel, hash);
    files.by_fingerprint_[file->fingerprinted] = file;
    files.by_logical_[rel] = std::move(file);
  }
  if (ec) return core::Error::Internal("reading static folder '" + dir + "': " + ec.message());
  return files;
}

std::string StaticFiles::Url(std::string_view logical_path) const {
  auto it = by_logical_.find(std::string(logical_path));
  if (it == by_logical_.end()) return std::string(kPrefix) + std::string(logical_path);
  return std::string(kPrefix) + it->second->fingerprinted;
}

Response StaticFiles::Serve(const Request& request) const {
  std::string_view rel = request.path;
  if (rel.rfind(kPrefix, 0) != 0) return Response::Text(404, "Not found\n");
  rel.remove_prefix(kPrefix.size());
  Response r;
  const File* file = nullptr;
  if (auto it = by_fingerprint_.find(std::string(rel)); it != by_fingerprint_.end()) {
    file = it->second.get();
    r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  } else if (auto it2 = by_logical_.find(std::string(rel)); it2 != by_logical_.end()) {
    file = it2->second.get();
    r.headers.emplace_back("Cache-Control", "no-cache");
  } else {
    r.status = 404;
    return r;
  }
  r.content_type = file->content_type;
  r.shared_body = file->content;
  r.compressed = file->compressed;
  r.ranges = true;
  r.headers.emplace_back("ETag", file->etag);
  return r;
}

}  // namespace dateline::http
