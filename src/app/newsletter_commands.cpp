// dateline newsletter list|add|import|send|status: the newsletters at the command line,
// for the operator (and the tests). `send` queues an issue and returns: the running
// server sends it. `bounces` reads returned mail (a mailbox file, or a pipe from the
// mail server) and suppresses hard bounces and complaints.

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>

#include "accounts/actor.hpp"
#include "app/commands.hpp"
#include "app/services.hpp"
#include "core/time_format.hpp"
#include "newsletters/bounce_reports.hpp"

namespace dateline::app {
namespace {

// Imports and bounce mailboxes are read whole (a list of a million readers is about 50 MB); past
// this, split it.
constexpr size_t kMaxImportBytes = 256u << 20;

int Fail(const core::Error& e) {
  fmt::print(stderr, "error: {}\n", e.reader.empty() ? e.message : e.reader);
  return e.code == core::ErrorCode::kInternal || e.code == core::ErrorCode::kUnavailable ? 1 : 2;
}

int List(Services& s) {
  auto list = s.newsletters->List();
  if (!list.ok()) return Fail(list.error());
  fmt::print("{:<24} {:<32} {:<6} {:>9} {}\n", "SLUG", "NAME", "PAID", "MEMBERS", "SENDER");
  for (const auto& n : *list) {
    auto counts = s.member_store->CountFor(n.id);
    if (!counts.ok()) return Fail(counts.error());
    fmt::print("{:<24} {:<32} {:<6} {:>9} {}\n", n.slug, n.name, n.paid ? "yes" : "no",
               counts->confirmed, n.sender_address.empty() ? "(the site's)" : n.sender_address);
  }
  fmt::print("{} newsletter{}\n", list->size(), list->size() == 1 ? "" : "s");
  return 0;
}

int Add(Services& s, const NewsletterCommandArgs& args) {
  newsletters::Newsletter n;
  n.name = args.name;
  n.slug = args.slug;
  n.description = args.description;
  n.sender_address = args.from;
  n.paid = args.paid;
  auto saved = s.newsletters->Save(accounts::OperatorActor(), n);
  if (!saved.ok()) return Fail(saved.error());
  fmt::print("added newsletter {} ({}{})\n", saved->slug, saved->name,
             saved->paid ? ", for readers with digital access" : "");
  return 0;
}

// The whole of FILE, or of standard input for "-"; nullopt (with the reason printed)
// when it cannot be read or is larger than kMaxImportBytes.
std::optional<std::string> ReadInput(const std::string& file) {
  std::string text;
  if (file == "-") {
    // Read in slices, so a pipe that never ends cannot grow this past the limit.
    char buffer[65536];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
      text.append(buffer, static_cast<size_t>(std::cin.gcount()));
      if (text.size() > kMaxImportBytes) break;
    }
  } else {
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    if (ec) {
      fmt::print(stderr, "error: cannot read {}: {}\n", file, ec.message());
      return std::nullopt;
    }
    if (size <= kMaxImportBytes) {
      std::ifstream in(file, std::ios::binary);
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } else {
      text.resize(kMaxImportBytes + 1);
    }
  }
  if (text.size() > kMaxImportBytes) {
    fmt::print(stderr, "error: the input is larger than {} MB; split it\n", kMaxImportBytes >> 20);
    return std::nullopt;
  }
  return text;
}

int Import(Services& s, const NewsletterCommandArgs& args) {
  auto input = ReadInput(args.file);
  if (!input) return 2;
  const std::string& text = *input;
  auto report = s.memberships->Import(accounts::OperatorActor(), args.slug, text);
  if (!report.ok()) return Fail(report.error());
  for (const auto& line : report->refused) fmt::print(stderr, "  {}\n", line);
  fmt::print("{} rows: {} on the list, {} kept out (unsubscribed or suppressed), {} refused\n",
             report->rows, report->joined, report->kept_out, report->refused.size());
  return 0;
}

int Bounces(Services& s, const NewsletterCommandArgs& args) {
  auto input = ReadInput(args.file);
  if (!input) return 2;
  newsletters::BounceProcessor processor(
      *s.member_store, *s.issue_store,
      [&s](std::string_view address) { return s.deliveries->DeliveryOfBounceAddress(address); },
      s.clock);
  auto summary = processor.Process(*input);
  if (!summary.ok()) return Fail(summary.error());
  fmt::print(
      "{} messages: {} hard bounces and {} complaints (addresses suppressed: {}), {} soft "
      "bounces (nothing changed), {} not reports\n",
      summary->messages, summary->hard_bounces, summary->complaints, summary->suppressed,
      summary->soft_bounces, summary->not_reports);
  return 0;
}

int Send(Services& s, const NewsletterCommandArgs& args) {
  newsletters::IssueRequest request;
  request.newsletter_slug = args.slug;
  request.article_slugs = args.articles;
  request.segment = newsletters::ParseSegment(args.segment).value_or(newsletters::Segment::kAll);
  request.subject = args.subject;
  if (!args.at.empty()) {
    auto at = core::ParseIso8601(args.at);
    if (!at) {
      fmt::print(stderr, "error: --at takes a time like 2026-12-01T07:00Z\n");
      return 2;
    }
    request.send_at = *at;
  }
  auto issue = s.deliveries->Schedule(accounts::OperatorActor(), request);
  if (!issue.ok()) return Fail(issue.error());
  fmt::print("issue {} of {} queued for {} ({} readers); the server sends it\n", issue->id,
             args.slug, core::FormatIso8601(issue->send_at),
             newsletters::SegmentName(issue->segment));
  return 0;
}

int Status(Services& s, const NewsletterCommandArgs& args) {
  auto newsletter = s.newsletters->Find(args.slug);
  if (!newsletter.ok()) return Fail(newsletter.error());
  if (!*newsletter) {
    fmt::print(stderr, "error: no newsletter {}\n", args.slug);
    return 2;
  }
  auto members = s.member_store->CountFor((*newsletter)->id);
  if (!members.ok()) return Fail(members.error());
  fmt::print("{}: {} confirmed, {} waiting for confirmation, {} unsubscribed\n",
             (*newsletter)->name, members->confirmed, members->pending, members->unsubscribed);
  auto issues = s.deliveries->Issues((*newsletter)->id, 0, 10, false);
  if (!issues.ok()) return Fail(issues.error());
  for (const auto& issue : *issues) {
    auto c = s.deliveries->Counts(issue.id);
    if (!c.ok()) return Fail(c.error());
    fmt::print(
        "issue {} {} {}: queued={} sent={} failed={} bounced={} skipped={} unsubscribed={} "
        "\"{}\"\n",
        issue.id, newsletters::IssueStateName(issue.state), core::FormatIso8601(issue.send_at),
        c->queued, c->sent, c->failed, c->bounced, c->skipped, c->unsubscribed, issue.subject);
  }
  return 0;
}

}  // namespace

int NewsletterCommand(const core::Config& config, const NewsletterCommandArgs& args) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  auto services = OpenServices(config);
  if (!services.ok()) {
    fmt::print(stderr, "error: {}\n", services.error().message);
    return 1;
  }
  Services& s = **services;
  if (args.verb == "add") return Add(s, args);
  if (args.verb == "import") return Import(s, args);
  if (args.verb == "send") return Send(s, args);
  if (args.verb == "status") return Status(s, args);
  if (args.verb == "bounces") return Bounces(s, args);
  return List(s);
}

}  // namespace dateline::app
