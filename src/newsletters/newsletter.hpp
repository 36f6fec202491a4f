#pragma once
// Newsletters: the value types. A newsletter is a list readers join; its issues are
// stories sent to its members (later steps). No I/O here.

#include <cstdint>
#include <string>

namespace dateline::newsletters {

struct Newsletter {
  int64_t id = 0;
  std::string slug;
  std::string name;            // "The Morning Briefing"
  std::string description;     // what a reader gets, and how often
  std::string sender_name;     // empty: the site's title
  std::string sender_address;  // empty: the site's mail sender
  bool paid = false;           // only readers with digital access may join
  bool default_on = false;     // offered ticked when a reader signs up
  int64_t created_at = 0;
};

inline constexpr size_t kMaxNewsletterName = 100;
inline constexpr size_t kMaxNewsletterDescription = 500;
inline constexpr int kMaxNewsletters = 50;

}  // namespace dateline::newsletters
