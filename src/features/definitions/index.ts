// The definitions feature's public surface: where a figure's definition is published.
export { definitionUrl } from './presenter.js';
