// The step to Bitbucket's authorize page after the link (or credentials) form. A redirect answering the form post
// would be blocked by the policy's form-action 'self', so the page links there and this script follows the link.
const link = document.getElementById('dvcs-authorize-continue');
if (link instanceof HTMLAnchorElement && /^https?:/.test(link.href)) window.location.replace(link.href);
