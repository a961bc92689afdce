// Vite bundles CSS imported from components; TypeScript only needs to know the import exists.
declare module "*.css";
