// Entry of dist/forge.js (`candor/forge`): resolver handlers for Node.
export {};
