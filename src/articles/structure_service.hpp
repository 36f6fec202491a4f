#pragma once
// What web/ and the CLI call for the newspaper's structure: sections, tags and authors,
// for readers (find, list by cursor, what stories have) and for the newsroom (arrange
// them: kArrangeSite), and a story's filing resolved from what was typed. Thread-safe.

#include <map>
#include <optional>
#include <vector>

#include "accounts/actor.hpp"
#include "articles/page.hpp"
#include "articles/structure.hpp"
#include "articles/structure_store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace dateline::articles {

class StructureService {
 public:
  StructureService(StructureStore& store, const core::Clock& clock)
      : store_(store), clock_(clock) {}

  // --- readers ---------------------------------------------------------------------------
  core::Result<std::vector<Section>> Sections();
  core::Result<std::optional<Section>> FindSection(std::string_view slug);
  core::Result<std::optional<Tag>> FindTag(std::string_view slug);
  core::Result<std::optional<Author>> FindAuthor(std::string_view slug);
  // By slug; `cursor` is a page's `next` (a slug), empty for the first page.
  core::Result<Page<Tag>> Tags(std::string_view cursor, int limit);
  core::Result<Page<Author>> Authors(std::string_view cursor, int limit);
  core::Result<std::map<int64_t, Placement>> PlacementsOf(const std::vector<int64_t>& article_ids);

  // --- the newsroom (kArrangeSite) -------------------------------------------------------
  // Whether the actor arranges the site: nothing, or kPermissionDenied with a sentence.
  static core::Result<void> MayArrange(const accounts::Actor& actor);
  // Creates (id 0) or updates; an empty slug is made from the name.
  core::Result<Section> SaveSection(const accounts::Actor& actor, Section section);
  core::Result<void> DeleteSection(const accounts::Actor& actor, int64_t id);
  core::Result<Tag> SaveTag(const accounts::Actor& actor, Tag tag);
  core::Result<void> DeleteTag(const accounts::Actor& actor, int64_t id);
  // `author.user_id` unset keeps the staff account the author is linked to, if any.
  core::Result<Author> SaveAuthor(const accounts::Actor& actor, Author author);
  core::Result<void> DeleteAuthor(const accounts::Actor& actor, int64_t id);

  // The front page's plan (public: it is what the front page shows).
  core::Result<FrontPlan> Front();
  // Pins these stories (by slug, the lead first) and shows these sections (by slug) as
  // blocks, in order. kInvalidArgument naming what is not there; nothing changes then.
  core::Result<FrontPlan> ArrangeFront(const accounts::Actor& actor,
                                       const std::vector<std::string>& story_slugs,
                                       const std::vector<std::string>& section_slugs);

  // A story's filing as ids: the section must exist; authors are found by name or slug
  // (an unknown name becomes a new author for those who arrange the site, and is refused
  // for others); tags are found by slug or created. Everyone who writes stories may file
  // them. An empty author list credits the actor's own author record, if they have one.
  core::Result<ResolvedFiling> Resolve(const accounts::Actor& actor, const Filing& filing);

 private:
  StructureStore& store_;
  const core::Clock& clock_;
};

}  // namespace dateline::articles
