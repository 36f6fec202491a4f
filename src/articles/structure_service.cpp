#include "articles/structure_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "articles/story_rules.hpp"
#include "core/field_check.hpp"
#include "core/text.hpp"

namespace dateline::articles {
namespace {

// A slug from a name; a name with no ASCII letters or digits gets one from its hash.
std::string SlugFor(std::string_view what, std::string_view name, std::string_view given) {
  std::string slug(core::Trim(given));
  if (slug.empty()) slug = core::Slugify(name);
  if (slug.empty()) slug = std::string(what) + "-" + core::ContentHash(name).substr(0, 8);
  return slug;
}

core::Result<void> CheckSlug(const std::string& slug) {
  if (core::IsValidSlug(slug)) return {};
  return core::Error::InvalidArgument("bad slug")
      .WithReader("The slug must be lowercase letters, digits and single dashes.");
}

template <typename T, typename List, typename Count>
core::Result<Page<T>> SlugPage(std::string_view cursor, int limit, List list, Count count) {
  if (!cursor.empty() && !core::IsValidSlug(cursor)) {
    return core::Error::InvalidArgument("That page does not exist; start from the first.")
        .ForReaders();
  }
  auto rows = list(cursor, limit + 1);
  if (!rows.ok()) return rows.error();
  auto total = count();
  if (!total.ok()) return total.error();
  Page<T> page;
  page.total = *total;
  if (static_cast<int>(rows->size()) > limit) {
    rows->resize(static_cast<size_t>(limit));
    page.next = rows->back().slug;
  }
  page.items = std::move(*rows);
  return page;
}

}  // namespace

core::Result<void> StructureService::MayArrange(const accounts::Actor& actor) {
  return accounts::Require(actor, accounts::Capability::kArrangeSite,
                           "Only editors arrange sections, tags and authors.");
}

core::Result<std::vector<Section>> StructureService::Sections() { return store_.Sections(); }

core::Result<std::optional<Section>> StructureService::FindSection(std::string_view slug) {
  if (!core::IsValidSlug(slug)) return std::optional<Section>();
  return store_.FindSection(slug);
}

core::Result<std::optional<Tag>> StructureService::FindTag(std::string_view slug) {
  if (!core::IsValidSlug(slug)) return std::optional<Tag>();
  return store_.FindTag(slug);
}

core::Result<std::optional<Author>> StructureService::FindAuthor(std::string_view slug) {
  if (!core::IsValidSlug(slug)) return std::optional<Author>();
  return store_.FindAuthor(slug);
}

core::Result<Page<Tag>> StructureService::Tags(std::string_view cursor, int limit) {
  return SlugPage<Tag>(
      cursor, limit, [&](std::string_view after, int n) { return store_.Tags(after, n); },
      [&] { return store_.CountTags(); });
}

core::Result<Page<Author>> StructureService::Authors(std::string_view cursor, int limit) {
  return SlugPage<Author>(
      cursor, limit, [&](std::string_view after, int n) { return store_.Authors(after, n); },
      [&] { return store_.CountAuthors(); });
}

core::Result<std::map<int64_t, Placement>> StructureService::PlacementsOf(
    const std::vector<int64_t>& article_ids) {
  return store_.PlacementsOf(article_ids);
}

core::Result<Section> StructureService::SaveSection(const accounts::Actor& actor, Section s) {
  DL_TRY(MayArrange(actor));
  DL_TRY(core::CheckLineOfText("section name", s.name, kMaxStructureName, true));
  DL_TRY(core::CheckLineOfText("description", s.description, kMaxStructureText, false));
  s.slug = SlugFor("section", s.name, s.slug);
  DL_TRY(CheckSlug(s.slug));
  if (s.position < 0 || s.position > 1000) {
    return core::Error::InvalidArgument("bad position")
        .WithReader("The position is a number from 0 to 1000.");
  }
  return store_.SaveSection(s, clock_.NowSeconds());
}

core::Result<void> StructureService::DeleteSection(const accounts::Actor& actor, int64_t id) {
  DL_TRY(MayArrange(actor));
  return store_.DeleteSection(id);
}

core::Result<Tag> StructureService::SaveTag(const accounts::Actor& actor, Tag t) {
  DL_TRY(MayArrange(actor));
  DL_TRY(core::CheckLineOfText("tag name", t.name, kMaxStructureName, true));
  t.slug = SlugFor("tag", t.name, t.slug);
  DL_TRY(CheckSlug(t.slug));
  return store_.SaveTag(t, clock_.NowSeconds());
}

core::Result<void> StructureService::DeleteTag(const accounts::Actor& actor, int64_t id) {
  DL_TRY(MayArrange(actor));
  return store_.DeleteTag(id);
}

core::Result<Author> StructureService::SaveAuthor(const accounts::Actor& actor, Author a) {
  DL_TRY(MayArrange(actor));
  DL_TRY(core::CheckLineOfText("author's name", a.name, kMaxStructureName, true));
  DL_TRY(core::CheckLineOfText("bio", a.bio, kMaxStructureText, false));
  DL_TRY(core::CheckLineOfText("role title", a.role_title, kMaxStructureName, false));
  a.slug = SlugFor("author", a.name, a.slug);
  DL_TRY(CheckSlug(a.slug));
  a.photo = std::string(core::Trim(a.photo));
  if (!a.photo.empty() && !LooksLikeImageKey(a.photo)) {
    return core::Error::InvalidArgument("bad photo key")
        .WithReader("The photo is an image's key from the media library (32 letters and digits).");
  }
  if (a.id != 0 && !a.user_id) {
    auto before = store_.FindAuthorById(a.id);
    if (!before.ok()) return before.error();
    if (*before) a.user_id = (*before)->user_id;
  }
  return store_.SaveAuthor(a, clock_.NowSeconds());
}

core::Result<void> StructureService::DeleteAuthor(const accounts::Actor& actor, int64_t id) {
  DL_TRY(MayArrange(actor));
  return store_.DeleteAuthor(id);
}

core::Result<FrontPlan> StructureService::Front() { return store_.Front(); }

core::Result<FrontPlan> StructureService::ArrangeFront(
    const accounts::Actor& actor, const std::vector<std::string>& story_slugs,
    const std::vector<std::string>& section_slugs) {
  DL_TRY(MayArrange(actor));
  if (story_slugs.size() > kMaxPinned || section_slugs.size() > kMaxFrontSections) {
    return core::Error::InvalidArgument("front plan too long")
        .WithReader(fmt::format("Pin at most {} stories and show at most {} sections.", kMaxPinned,
                                kMaxFrontSections));
  }
  FrontPlan plan;
  for (const auto& slug : story_slugs) {
    std::optional<int64_t> id;
    if (core::IsValidSlug(slug)) {
      auto found = store_.PublishedStoryId(slug);
      if (!found.ok()) return found.error();
      id = *found;
    }
    if (!id) {
      return core::Error::InvalidArgument("no published story " + slug)
          .WithReader("No published story has the address “" + slug + "”.");
    }
    if (std::find(plan.pinned.begin(), plan.pinned.end(), *id) != plan.pinned.end()) {
      return core::Error::InvalidArgument("story pinned twice")
          .WithReader("“" + slug + "” is pinned twice; keep it once, where it belongs.");
    }
    plan.pinned.push_back(*id);
  }
  for (const auto& slug : section_slugs) {
    auto found = FindSection(slug);
    if (!found.ok()) return found.error();
    if (!*found) {
      return core::Error::InvalidArgument("no section " + slug)
          .WithReader("There is no section “" + slug + "”.");
    }
    if (std::find(plan.sections.begin(), plan.sections.end(), (*found)->id) ==
        plan.sections.end()) {
      plan.sections.push_back((*found)->id);
    }
  }
  DL_TRY(store_.SaveFront(plan));
  return plan;
}

core::Result<ResolvedFiling> StructureService::Resolve(const accounts::Actor& actor,
                                                       const Filing& filing) {
  if (!MayWrite(actor)) {
    return core::Error::PermissionDenied("actor may not file stories")
        .WithReader("You cannot write stories here.");
  }
  ResolvedFiling out;
  std::string section_name(core::Trim(filing.section));
  if (!section_name.empty()) {
    auto sections = store_.Sections();
    if (!sections.ok()) return sections.error();
    std::string wanted = core::AsciiLower(section_name);
    for (const auto& s : *sections) {
      if (s.slug == wanted || core::AsciiLower(s.name) == wanted) out.section_id = s.id;
    }
    if (!out.section_id) {
      std::string known;
      for (const auto& s : *sections) known += (known.empty() ? "" : ", ") + s.name;
      return core::Error::InvalidArgument("unknown section")
          .WithReader(fmt::format("There is no section “{}”. {}", section_name,
                                  known.empty() ? "No sections exist yet: an editor adds them."
                                                : "The sections are: " + known + "."));
    }
  }
  auto names = ParseAuthorList(filing.authors);
  if (!names.ok()) return names.error();
  for (const auto& named : *names) {
    auto found = store_.FindAuthorByName(named.name);
    if (!found.ok()) return found.error();
    if (!*found) {
      if (!actor.Can(accounts::Capability::kArrangeSite)) {
        return core::Error::PermissionDenied("unknown author")
            .WithReader(
                fmt::format("There is no author “{}”; an editor can add them.", named.name));
      }
      Author fresh;
      fresh.name = named.name;
      fresh.slug = SlugFor("author", named.name, "");
      // Two different names may fold to one slug ("Ann Lee", "Ann-Lee"): number the next.
      for (int n = 2; n < 100; ++n) {
        auto taken = store_.FindAuthor(fresh.slug);
        if (!taken.ok()) return taken.error();
        if (!*taken) break;
        fresh.slug = SlugFor("author", named.name, "") + "-" + std::to_string(n);
      }
      auto saved = store_.SaveAuthor(fresh, clock_.NowSeconds());
      if (!saved.ok()) return saved.error();
      *found = std::move(*saved);
    }
    bool credited = false;  // "Ann Lee, ann-lee" names one person once
    for (const auto& [id, credit] : out.authors) credited = credited || id == (*found)->id;
    if (!credited) out.authors.emplace_back((*found)->id, named.credit);
  }
  if (names->empty() && actor.signed_in()) {
    auto own = store_.FindAuthorOfUser(actor.user_id());
    if (!own.ok()) return own.error();
    if (*own) out.authors.emplace_back((*own)->id, "");
  }
  out.lead_image = std::string(core::Trim(filing.lead_image));
  if (!out.lead_image.empty() && !LooksLikeImageKey(out.lead_image)) {
    return core::Error::InvalidArgument("bad lead image key")
        .WithReader(
            "The lead image is an image's key from the media library (32 letters and "
            "digits).");
  }
  auto tag_names = ParseTagList(filing.tags);
  if (!tag_names.ok()) return tag_names.error();
  std::vector<Tag> tags;
  for (const auto& name : *tag_names) tags.push_back(Tag{0, SlugFor("tag", name, ""), name});
  auto ids = store_.TagIds(tags, clock_.NowSeconds());
  if (!ids.ok()) return ids.error();
  out.tag_ids = std::move(*ids);
  return out;
}

}  // namespace dateline::articles
