#include "app/first_start.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "accounts/password.hpp"
#include "articles/front_matter.hpp"
#include "core/text.hpp"

namespace dateline::app {
namespace fs = std::filesystem;
namespace {

core::Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::NotFound("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

core::Result<void> PublishDemoArticles(Services& s, const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto text = ReadFile(file);
    if (!text.ok()) return text.error();
    auto parsed = articles::ParseArticleFile(*text);
    if (!parsed.ok()) {
      return core::Error::InvalidArgument(file.string() + ": " + parsed.error().message);
    }
    auto published = s.articles->Import(accounts::OperatorActor(), *parsed, *s.structure);
    if (!published.ok()) return published.error();
    spdlog::info("published demo article /articles/{}", published->article.slug);
  }
  return {};
}

// A newspaper's usual sections, for a new site to start from (editors rename, reorder
// and remove them in /admin/sections).
core::Result<void> SeedSections(Services& s) {
  auto sections = s.structure->Sections();
  if (!sections.ok()) return sections.error();
  if (!sections->empty()) return {};
  int64_t position = 0;
  for (const auto& [name, description] : std::initializer_list<std::pair<const char*, const char*>>{
           {"News", "What happened, at home and nearby."},
           {"World", "Reports from our correspondents and the wires."},
           {"Politics", "Government, elections and the people in power."},
           {"Business", "Companies, markets, work and money."},
           {"Opinion", "Columns, editorials and letters: views, labelled as such."}}) {
    articles::Section section;
    section.name = name;
    section.description = description;
    section.position = position += 10;
    section.opinion = std::string_view(name) == "Opinion";
    auto saved = s.structure->SaveSection(accounts::OperatorActor(), section);
    if (!saved.ok()) return saved.error();
  }
  return {};
}

// A page file starts with "# Title"; the rest is the body. Pages that exist are left as
// the newsroom edited them.
core::Result<void> SeedPage(Services& s, const pages::KnownPage& known, const fs::path& file) {
  auto existing = s.site_pages->Find(known.slug);
  if (!existing.ok()) return existing.error();
  if (*existing) return {};
  auto text = ReadFile(file);
  if (!text.ok()) return text.error();
  std::string_view body = *text;
  std::string title = known.title;
  if (body.rfind("# ", 0) == 0) {
    size_t eol = body.find('\n');
    title = std::string(core::Trim(body.substr(2, eol - 2)));
    body = eol == std::string_view::npos ? std::string_view() : body.substr(eol + 1);
  }
  return s.site_pages->Save(
      accounts::OperatorActor(),
      {known.slug, title, std::string(core::Trim(body)), s.clock.NowSeconds()});
}

}  // namespace

// Plans named in the config file are saved at every start: the file is the record.
core::Result<void> SaveConfiguredPlans(Services& s, const core::Config& config) {
  for (const auto& p : config.plans) {
    auto saved = s.subscriptions->SavePlan(
        accounts::OperatorActor(),
        {0, p.code, p.name, p.description, p.price_cents, p.currency, p.period, p.stripe_price});
    if (!saved.ok()) {
      return core::Error::InvalidArgument("setting 'plans' (" + p.code +
                                          "): " + saved.error().message);
    }
  }
  return {};
}

core::Result<std::optional<FirstAdmin>> PrepareFirstStart(Services& s, const core::Config& config,
                                                          const std::string& resources_dir) {
  fs::path content = fs::path(resources_dir) / "content";
  for (const auto& page : pages::kKnownPages) {
    DL_TRY(SeedPage(s, page, content / "pages" / (std::string(page.slug) + ".md")));
  }
  DL_TRY(SaveConfiguredPlans(s, config));
  auto users = s.users->Count();
  if (!users.ok()) return users.error();
  if (*users > 0) return std::optional<FirstAdmin>();

  // First start: demo content and plans, then the admin (last, so a failed seed is retried).
  // Demo plans only where the operator has not named plans of their own.
  for (const subscriptions::Plan& plan :
       {subscriptions::Plan{0, "digital-monthly", "Digital, monthly",
                            "Every article on every device, and the right to comment.", 900, "USD",
                            "month"},
        subscriptions::Plan{0, "digital-annual", "Digital, annual",
                            "Every article on every device, and the right to comment. Two "
                            "months free.",
                            9000, "USD", "year"}}) {
    if (!config.plans.empty()) break;
    auto saved = s.subscriptions->SavePlan(accounts::OperatorActor(), plan);
    if (!saved.ok()) return saved.error();
  }
  auto existing = s.articles->ListNewsroom(accounts::OperatorActor(), {}, "", 1);
  if (!existing.ok()) return existing.error();
  if (existing->total == 0) {
    DL_TRY(SeedSections(s));
    DL_TRY(PublishDemoArticles(s, content / "demo"));
  }

  FirstAdmin admin{config.admin_email, accounts::GenerateOneTimePassword()};
  // The same path as `dateline user add`; the password must be changed at first sign-in.
  auto created = s.accounts->CreateUser(admin.email, "Administrator", admin.one_time_password,
                                        accounts::Role::kAdmin, /*must_change_password=*/true);
  if (!created.ok()) {
    // Another node sharing the store created it a moment ago.
    if (created.error().code == core::ErrorCode::kAlreadyExists) return std::optional<FirstAdmin>();
    return created.error();
  }
  return std::optional<FirstAdmin>(std::move(admin));
}

}  // namespace dateline::app
