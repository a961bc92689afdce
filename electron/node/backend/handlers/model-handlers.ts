import type { Handlers } from "../dispatcher";
import type { ModelService } from "../models/model-service";

type ModelHandlers = Pick<
  Handlers,
  | "models.state"
  | "models.load"
  | "models.unload"
  | "models.download"
  | "models.pauseDownload"
  | "models.resumeDownload"
  | "models.cancelDownload"
  | "models.remove"
  | "models.addFile"
>;

export function modelHandlers(models: ModelService): ModelHandlers {
  return {
    "models.state": ({ probeSystem }) => models.state({ probeSystem }),
    "models.load": ({ id }) => models.load(id),
    "models.unload": async () => {
      await models.unload();
      return {};
    },
    "models.download": async ({ id, allowUnverified }) => {
      await models.download(id, allowUnverified);
      return {};
    },
    "models.pauseDownload": async ({ id }) => {
      models.pause(id);
      return {};
    },
    "models.resumeDownload": async ({ id }) => {
      await models.resume(id);
      return {};
    },
    "models.cancelDownload": async ({ id }) => {
      await models.cancel(id);
      return {};
    },
    "models.remove": async ({ id }) => {
      await models.remove(id);
      return {};
    },
    "models.addFile": () => models.addFile(),
  };
}
