#include "newsletters/bounce_reports.hpp"

#include "accounts/email_address.hpp"
#include "core/text.hpp"

namespace dateline::newsletters {
namespace {

// "rfc822; ann@example.org" -> the address, normalized (or nullopt).
std::optional<std::string> AddressOf(std::string_view field) {
  size_t semi = field.find(';');
  std::string_view address = semi == std::string_view::npos ? field : field.substr(semi + 1);
  address = core::Trim(address);
  if (!address.empty() && address.front() == '<' && address.back() == '>') {
    address = address.substr(1, address.size() - 2);
  }
  return accounts::NormalizeEmail(address);
}

// Every "<...>" or bare address in a header value ("Ann <a@b>, c@d").
std::vector<std::string> AddressesIn(std::string_view value) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < value.size() && out.size() < 20) {
    size_t open = value.find('<', pos);
    if (open == std::string_view::npos) break;
    size_t close = value.find('>', open);
    if (close == std::string_view::npos) break;
    out.emplace_back(value.substr(open + 1, close - open - 1));
    pos = close + 1;
  }
  if (out.empty()) {
    size_t start = 0;
    while (start <= value.size() && out.size() < 20) {
      size_t comma = value.find(',', start);
      std::string_view piece = value.substr(
          start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      if (!core::Trim(piece).empty()) out.emplace_back(core::Trim(piece));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

// The first part (depth first) of this type.
const mail::MimePart* FindPart(const mail::MimePart& part, std::string_view type) {
  if (part.ContentType() == type) return &part;
  for (const auto& child : part.parts) {
    if (const auto* found = FindPart(child, type)) return found;
  }
  return nullptr;
}

// The headers of the message the report is about: an embedded message/rfc822 part, or a
// text/rfc822-headers part (parsed as a message without a body).
std::optional<mail::MimePart> OriginalOf(const mail::MimePart& report) {
  if (const auto* embedded = FindPart(report, "message/rfc822")) {
    if (!embedded->parts.empty()) return embedded->parts.front();
  }
  if (const auto* headers = FindPart(report, "text/rfc822-headers")) {
    auto parsed = mail::ParseMime(headers->body);
    if (parsed.ok()) return std::move(*parsed);
  }
  return std::nullopt;
}

// Our copy, from a VERP address among these headers of `message`.
std::optional<int64_t> DeliveryFrom(const mail::MimePart& message,
                                    std::initializer_list<std::string_view> names,
                                    const DeliveryOfAddress& lookup) {
  for (std::string_view name : names) {
    for (const auto& [k, v] : message.headers) {
      if (k != name) continue;
      for (const auto& address : AddressesIn(v)) {
        if (auto id = lookup(address)) return id;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<Finding> ReadReport(const mail::MimePart& message, const DeliveryOfAddress& lookup) {
  std::vector<Finding> findings;
  std::string report_type = core::AsciiLower(message.ContentTypeParam("report-type"));
  auto original = OriginalOf(message);
  if (const auto* status = FindPart(message, "message/delivery-status")) {
    // A DSN is addressed to the envelope sender: our VERP address names the copy.
    auto delivery =
        DeliveryFrom(message, {"to", "delivered-to", "x-original-to", "envelope-to"}, lookup);
    if (!delivery && original) delivery = DeliveryFrom(*original, {"return-path"}, lookup);
    auto blocks = mail::ParseFieldBlocks(status->body);
    for (size_t i = 1; i < blocks.size(); ++i) {  // the first block is per message
      std::string recipient, action, code;
      for (const auto& [k, v] : blocks[i]) {
        if (k == "final-recipient" || (k == "original-recipient" && recipient.empty())) {
          recipient = v;
        }
        if (k == "action") action = core::AsciiLower(core::Trim(v));
        if (k == "status") code = std::string(core::Trim(v));
      }
      auto email = AddressOf(recipient);
      if (!email) continue;
      if (action == "failed" && !code.empty() && code[0] == '5') {
        findings.push_back({FindingKind::kHardBounce, *email, delivery, code});
      } else if (action == "failed" || action == "delayed") {
        findings.push_back({FindingKind::kSoftBounce, *email, delivery, code});
      }
    }
    return findings;
  }
  if (const auto* feedback = FindPart(message, "message/feedback-report");
      feedback || report_type == "feedback-report") {
    std::string type = "abuse", rcpt, mail_from;
    if (feedback) {
      for (const auto& block : mail::ParseFieldBlocks(feedback->body)) {
        for (const auto& [k, v] : block) {
          if (k == "feedback-type") type = core::AsciiLower(core::Trim(v));
          if (k == "original-rcpt-to") rcpt = v;
          if (k == "original-mail-from") mail_from = v;
        }
      }
    }
    std::optional<std::string> email = rcpt.empty() ? std::nullopt : AddressOf(rcpt);
    if (!email && original) {
      for (const auto& address : AddressesIn(original->Header("to"))) {
        email = accounts::NormalizeEmail(address);
        if (email) break;
      }
    }
    if (!email) return findings;
    std::optional<int64_t> delivery;
    for (const auto& address : AddressesIn(mail_from)) {
      if ((delivery = lookup(address))) break;
    }
    if (!delivery && original) delivery = DeliveryFrom(*original, {"return-path"}, lookup);
    findings.push_back({FindingKind::kComplaint, *email, delivery, type});
  }
  return findings;
}

core::Result<BounceSummary> BounceProcessor::Process(std::string_view mailbox) {
  BounceSummary summary;
  for (std::string_view text : mail::SplitMailbox(mailbox)) {
    ++summary.messages;
    auto message = mail::ParseMime(text);
    if (!message.ok()) {
      ++summary.not_reports;
      continue;
    }
    auto findings = ReadReport(*message, lookup_);
    if (findings.empty()) ++summary.not_reports;
    for (const auto& f : findings) {
      if (f.kind == FindingKind::kSoftBounce) {
        ++summary.soft_bounces;
        continue;
      }
      bool complaint = f.kind == FindingKind::kComplaint;
      ++(complaint ? summary.complaints : summary.hard_bounces);
      DL_TRY(members_.Suppress(
          f.email, complaint ? SuppressionReason::kComplaint : SuppressionReason::kBounce, f.detail,
          clock_.NowSeconds()));
      ++summary.suppressed;
      if (f.delivery_id) {
        DL_TRY(issues_.MarkBounced(*f.delivery_id,
                                   (complaint ? "complaint: " : "bounce: ") + f.detail));
      }
    }
  }
  return summary;
}

}  // namespace dateline::newsletters
