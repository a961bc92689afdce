export { FsRunStore } from "./fs-run-store";
export { writeFileAtomicCreatingFolder as writeFileAtomic } from "../store/atomic-write";
