/** A small three-level project (Part / Chapter / Scene) with every feature export must carry. */
import { PROJECT_SCHEMA_VERSION, type ProjectData, type Unit } from "../../../electron/shared/domain/project";

const unit = (id: string, parentId: string | null, level: number, order: number, title: string, body: string, extra: Partial<Unit> = {}): Unit => ({
  id,
  parentId,
  level,
  order,
  title,
  synopsis: "",
  targetWords: null,
  status: "draft",
  notes: "",
  body,
  ...extra,
});

export function smallProject(): ProjectData {
  return {
    meta: {
      schemaVersion: PROJECT_SCHEMA_VERSION,
      id: "psmall",
      title: "Small Hours",
      author: "Jo March",
      contact: "jo@example.com",
      language: "fr-FR",
      levels: ["Part", "Chapter", "Scene"],
      targetWords: null,
      deadline: null,
      settings: { counter: "auto", theme: "system" },
      history: [],
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
    },
    units: [
      unit("p1", null, 0, 0, "Morning", ""),
      unit("c1", "p1", 1, 0, "The Letter", "", { synopsis: "A letter comes.", notes: "Check the date." }),
      unit("s1", "c1", 2, 0, "s1", 'She read it *twice*.[^1] <span data-quire="ai">The model added this.</span>\n\n> A quoted line.\n\n[^1]: The first note.\n'),
      unit("s2", "c1", 2, 1, "s2", "Then **nothing** at all, see [the map](https://example.com/map).\n\n- one\n- two\n\n1. first\n2. second\n"),
      unit("c2", "p1", 1, 1, "The Reply", "It came a week later.[^1]\n\n[^1]: The second note.\n"),
      unit("p2", null, 0, 1, "Evening", ""),
      unit("c3", "p2", 1, 0, "Lamps", "Lamps burned.\n\n***\n\nAnd went out.\n"),
      unit("c4", "p2", 1, 1, "Empty", "", { status: "todo" }),
    ],
    bible: [],
  };
}
