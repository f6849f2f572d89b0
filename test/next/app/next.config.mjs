/** The fixture app's config: nothing of its own, as a new app from create-next-app has. */
export default {}
