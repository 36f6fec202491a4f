#pragma once
// What newsletters need to know of a reader they know only by email: whether an account
// has that address, and whether it carries digital access (by role or subscription).
// Implemented where accounts and subscriptions meet (app/), so this domain reads neither's
// tables.

#include <string>

#include "core/result.hpp"

namespace dateline::newsletters {

struct ReaderStanding {
  bool has_account = false;
  bool digital_access = false;
};

class ReaderDirectory {
 public:
  virtual ~ReaderDirectory() = default;
  virtual core::Result<ReaderStanding> StandingOf(const std::string& email) = 0;
};

}  // namespace dateline::newsletters
