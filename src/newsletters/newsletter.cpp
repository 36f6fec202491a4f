#include "newsletters/newsletter.hpp"

#include "core/enum_names.hpp"

namespace dateline::newsletters {
namespace {

constexpr core::EnumNames<MemberState, 3> kMemberStates{{{
    {MemberState::kPending, "pending"},
    {MemberState::kConfirmed, "confirmed"},
    {MemberState::kUnsubscribed, "unsubscribed"},
}}};

constexpr core::EnumNames<Segment, 3> kSegments{{{
    {Segment::kAll, "all"},
    {Segment::kPaid, "paid"},
    {Segment::kFree, "free"},
}}};

constexpr core::EnumNames<IssueState, 3> kIssueStates{{{
    {IssueState::kScheduled, "scheduled"},
    {IssueState::kSending, "sending"},
    {IssueState::kSent, "sent"},
}}};

constexpr core::EnumNames<SuppressionReason, 3> kReasons{{{
    {SuppressionReason::kBounce, "bounce"},
    {SuppressionReason::kComplaint, "complaint"},
    {SuppressionReason::kManual, "manual"},
}}};

}  // namespace

const char* MemberStateName(MemberState s) { return kMemberStates.Name(s); }
std::optional<MemberState> ParseMemberState(std::string_view t) { return kMemberStates.Parse(t); }
const char* SegmentName(Segment s) { return kSegments.Name(s); }
std::optional<Segment> ParseSegment(std::string_view t) { return kSegments.Parse(t); }
const char* IssueStateName(IssueState s) { return kIssueStates.Name(s); }
std::optional<IssueState> ParseIssueState(std::string_view t) { return kIssueStates.Parse(t); }
const char* SuppressionReasonName(SuppressionReason r) { return kReasons.Name(r); }

}  // namespace dateline::newsletters
