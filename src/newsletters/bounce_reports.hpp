#pragma once
// What comes back after a send: delivery status notifications (RFC 3464: a relay could
// not deliver) and feedback reports (RFC 5965, ARF: a reader marked an issue as spam).
// A hard bounce (action failed, status 5.x.x) or a complaint suppresses the address for
// every newsletter; a soft bounce (4.x.x, delayed) is counted and changes nothing. The
// copy the report is about is found by its VERP bounce address when the report names it.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "mail/mime_reader.hpp"
#include "newsletters/issue_store.hpp"
#include "newsletters/member_store.hpp"

namespace dateline::newsletters {

enum class FindingKind { kHardBounce, kSoftBounce, kComplaint };

struct Finding {
  FindingKind kind;
  std::string email;                   // normalized; the address to suppress
  std::optional<int64_t> delivery_id;  // when the report names our copy
  std::string detail;                  // "5.1.1", "abuse"
};

// Maps a VERP bounce address to its delivery (DeliveryService::DeliveryOfBounceAddress).
using DeliveryOfAddress = std::function<std::optional<int64_t>(std::string_view)>;

// What one returned message reports; empty when it is neither a DSN nor an ARF report.
std::vector<Finding> ReadReport(const mail::MimePart& message, const DeliveryOfAddress& lookup);

struct BounceSummary {
  int64_t messages = 0;
  int64_t hard_bounces = 0;
  int64_t soft_bounces = 0;
  int64_t complaints = 0;
  int64_t not_reports = 0;  // read, but neither kind of report (or unreadable)
  int64_t suppressed = 0;   // addresses newly or again put on the suppression list
};

class BounceProcessor {
 public:
  BounceProcessor(MemberStore& members, IssueStore& issues, DeliveryOfAddress lookup,
                  const core::Clock& clock)
      : members_(members), issues_(issues), lookup_(std::move(lookup)), clock_(clock) {}

  // Reads a mailbox (mbox) or a single message and acts on every report in it.
  core::Result<BounceSummary> Process(std::string_view mailbox);

 private:
  MemberStore& members_;
  IssueStore& issues_;
  DeliveryOfAddress lookup_;
  const core::Clock& clock_;
};

}  // namespace dateline::newsletters
