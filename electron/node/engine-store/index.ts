export { FsRunStore } from "./fs-run-store";
export { writeFileAtomic } from "./atomic-write";
