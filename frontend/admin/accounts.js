// Progressive enhancement for the DVCS accounts page; the page works without it.
import { relativeTime } from './format.js';

for (const node of document.querySelectorAll('[data-timestamp]')) {
  node.textContent = relativeTime(new Date(node.dataset.timestamp), new Date());
}
