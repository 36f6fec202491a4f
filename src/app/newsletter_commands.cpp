// dateline newsletter list|add: the newsletters at the command line, for the operator.
// (Import, send, status and bounces arrive with the rest of issue 15.)

#include <fmt/format.h>

#include <filesystem>

#include "accounts/actor.hpp"
#include "app/commands.hpp"
#include "app/services.hpp"

namespace dateline::app {

int NewsletterCommand(const core::Config& config, const NewsletterCommandArgs& args) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  auto services = OpenServices(config);
  if (!services.ok()) {
    fmt::print(stderr, "error: {}\n", services.error().message);
    return 1;
  }
  Services& s = **services;
  if (args.verb == "add") {
    newsletters::Newsletter n;
    n.name = args.name;
    n.slug = args.slug;
    n.description = args.description;
    n.sender_address = args.from;
    n.paid = args.paid;
    auto saved = s.newsletters->Save(accounts::OperatorActor(), n);
    if (!saved.ok()) {
      const auto& e = saved.error();
      fmt::print(stderr, "error: {}\n", e.reader.empty() ? e.message : e.reader);
      return e.code == core::ErrorCode::kInternal ? 1 : 2;
    }
    fmt::print("added newsletter {} ({}{})\n", saved->slug, saved->name,
               saved->paid ? ", for readers with digital access" : "");
    return 0;
  }
  auto list = s.newsletters->List();
  if (!list.ok()) {
    fmt::print(stderr, "error: {}\n", list.error().message);
    return 1;
  }
  fmt::print("{:<24} {:<32} {:<6} {}\n", "SLUG", "NAME", "PAID", "SENDER");
  for (const auto& n : *list) {
    fmt::print("{:<24} {:<32} {:<6} {}\n", n.slug, n.name, n.paid ? "yes" : "no",
               n.sender_address.empty() ? "(the site's)" : n.sender_address);
  }
  fmt::print("{} newsletter{}\n", list->size(), list->size() == 1 ? "" : "s");
  return 0;
}

}  // namespace dateline::app
