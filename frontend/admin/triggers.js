// Progressive enhancement for the Workflow triggers page (it works without it): the transition select offers what
// the chosen project's workflow has, and deleting a rule asks first. Text goes in with textContent, never as HTML.
import { transitionsFor } from './triggers-model.js';

const form = document.getElementById('dvcs-rule-form');

function narrowTransitions() {
  const project = form.querySelector('#dvcs-rule-project');
  const select = form.querySelector('#dvcs-rule-transition');
  const byProject = JSON.parse(form.dataset.transitions || '{}');
  const update = () => {
    const current = select.value;
    const names = transitionsFor(byProject, project.value);
    select.replaceChildren(...names.map((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      option.selected = name.toLowerCase() === current.toLowerCase();
      return option;
    }));
  };
  project.addEventListener('change', update);
}

function confirmDeletes() {
  const dialog = document.createElement('dialog');
  dialog.id = 'dvcs-delete-dialog';
  dialog.setAttribute('aria-labelledby', 'dvcs-delete-rule-heading');
  const heading = document.createElement('h2');
  heading.id = 'dvcs-delete-rule-heading';
  heading.textContent = 'Delete the rule?';
  const text = document.createElement('p');
  const confirm = document.createElement('button');
  confirm.type = 'button';
  confirm.className = 'button danger';
  confirm.textContent = 'Delete';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'button';
  cancel.textContent = 'Cancel';
  cancel.addEventListener('click', () => dialog.close());
  dialog.append(heading, text, confirm, cancel);
  document.body.append(dialog);

  let pending = null;
  confirm.addEventListener('click', () => {
    dialog.close();
    if (pending) pending.submit(); // form.submit() fires no submit event: no second dialog
  });
  for (const deleteForm of document.querySelectorAll('form.dvcs-delete-rule')) {
    deleteForm.addEventListener('submit', (event) => {
      if (typeof dialog.showModal !== 'function') return; // no dialog support: delete as without script
      event.preventDefault();
      pending = deleteForm;
      text.textContent = `${deleteForm.dataset.rule}. Issues will no longer move on this event.`;
      dialog.showModal();
    });
  }
}

if (form) narrowTransitions();
confirmDeletes();
