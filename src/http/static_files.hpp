#pragma once
// Files under static/, read into memory once at start. Each is served at two URLs:
//   /static/css/site.css            ETag, revalidated on every use (Cache-Control: no-cache)
//   /static/css/site.1a2b3c4d5e.css fingerprinted by content, cached for a year (immutable)
// Lookups go through a map of known names, so no request can reach outside the folder.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace dateline::http {

class StaticFiles {
 public:
  // Reads every regular file below `dir` (symlinks leaving it are skipped).
  static core::Result<StaticFiles> Load(const std::string& dir);

  // The fingerprinted URL of a file, e.g. Url("css/site.css"); the plain URL if unknown.
  std::string Url(std::string_view logical_path) const;

  // Answers a GET/HEAD for `path` (the full request path, starting with kPrefix).
  Response Serve(const Request& request) const;

  size_t size() const { return by_logical_.size(); }

  static constexpr std::string_view kPrefix = "/static/";

 private:
  struct File {
    std::shared_ptr<const std::string> content;
    core::Compressed compressed;
    std::string content_type;
    std::string etag;
    std::string fingerprinted;  // logical path with the hash before the extension
  };
  std::unordered_map<std::string, std::shared_ptr<const File>> by_logical_;
  std::unordered_map<std::string, std::shared_ptr<const File>> by_fingerprint_;
};

// "text/css; charset=utf-8" for "x.css" and so on; application/octet-stream if unknown.
std::string ContentTypeForPath(std::string_view path);

}  // namespace dateline::http
