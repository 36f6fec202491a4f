#pragma once
// A file read as UTF-8 that XML can take, whatever bytes it holds: bytes that are not
// UTF-8, and control characters XML 1.0 forbids, each become U+FFFD, counted, so one bad
// byte in a ten-year archive costs one character rather than the whole import. Read in
// chunks; a sequence split between two chunks is joined first.

#include <cstdint>
#include <cstdio>
#include <string>

namespace dateline::imports {

class CleanInput {
 public:
  explicit CleanInput(std::FILE* file) : file_(file) {}
  // Up to `size` cleaned bytes into `buffer`; 0 at the end, -1 on a read error.
  int Read(char* buffer, int size);
  int64_t raw_bytes() const { return raw_bytes_; }
  int64_t replaced() const { return replaced_; }
  int64_t first_replaced_at() const { return first_replaced_at_; }  // -1: none

 private:
  void Clean(bool at_end);

  std::FILE* file_;
  std::string raw_;    // read, not yet cleaned (at most a split sequence between reads)
  std::string ready_;  // cleaned, not yet handed out
  int64_t raw_bytes_ = 0;
  int64_t replaced_ = 0;
  int64_t first_replaced_at_ = -1;
  bool eof_ = false;
};

}  // namespace dateline::imports
