#pragma once
// What a new password must be (OWASP's advice): long enough, not too long to hash, any
// Unicode, no composition rules, and not on the list of common and breached passwords.

#include <string>
#include <string_view>
#include <unordered_set>

#include "core/result.hpp"

namespace dateline::accounts {

class PasswordPolicy {
 public:
  static constexpr size_t kFloor = 8;  // the minimum can be configured, never below this
  static constexpr size_t kMaxLength = 256;

  // Reads the list (one password a line, '#' comments) from `common_list_path`.
  static core::Result<PasswordPolicy> Load(size_t min_length, const std::string& common_list_path);
  explicit PasswordPolicy(size_t min_length) : min_length_(std::max(min_length, kFloor)) {}

  // kInvalidArgument with a message for the reader when the password will not do.
  core::Result<void> Check(std::string_view password, std::string_view email) const;
  size_t min_length() const { return min_length_; }
  size_t common_count() const { return common_.size(); }

 private:
  size_t min_length_;
  std::unordered_set<std::string> common_;  // lowercased
};

}  // namespace dateline::accounts
